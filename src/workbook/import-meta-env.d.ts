/**
 * The one Vite variable src/workbook/site-progress.ts reads. Astro and
 * vitest replace `import.meta.env.DEV` (true under `astro dev` and in tests,
 * false in `astro build`); tsconfig loads only Node's types, not vite/client,
 * so it is declared here, the same way vite/client declares it.
 */
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
