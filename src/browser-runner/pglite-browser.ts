/**
 * Opens real Postgres (PGlite) in a browser from a seeded data-directory
 * snapshot written at build time (pglite-assets.ts), with PGlite's own
 * files found next to that snapshot rather than next to PGlite's script.
 *
 * Why not next to the script, PGlite's default (`new URL('./pglite.wasm',
 * import.meta.url)`): the grading worker imports each grader bundle from a
 * Blob URL, and a `blob:` URL has no folder to resolve `./pglite.wasm`
 * against. So the three files are fetched here and handed to PGlite:
 *   pglite.wasm → `pgliteWasmModule`, pglite.data → `fsBundle`,
 *   the snapshot → `loadDataDir`.
 *
 * initdb.wasm is never fetched: a loaded data directory is already
 * initialised (PGlite runs initdb only when it starts without
 * `loadDataDir`), yet PGlite 0.5 starts downloading initdb.wasm at start-up
 * unless it is given an `initdbWasmModule`. It gets the smallest valid
 * WebAssembly module instead — never instantiated, 131 KB gzip saved.
 *
 * The options are otherwise the graders' own (seededPglite in
 * src/workbook/testing/pglite-template.ts creates with `loadDataDir` alone;
 * the ICU locale is already inside the snapshot from its initdb).
 */
import { PGlite } from '@electric-sql/pglite';

/** Files PGlite needs beside the snapshots (what pglite-assets.ts copies). */
export const PGLITE_FILES = ['pglite.wasm', 'pglite.data'] as const;

/** `\0asm` + version 1: an empty module, standing in for initdb.wasm, which a loaded snapshot never runs. */
const NO_INITDB = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`PGlite: ${url.pathname}: HTTP ${response.status}`);
  return response;
}

/** Compiles while downloading when the server says application/wasm; otherwise (a plain static server) from the bytes. */
async function compileWasm(url: URL): Promise<WebAssembly.Module> {
  const response = await fetchOk(url);
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * `snapshotUrl`: absolute URL of a `<hash>.tar.gz` snapshot; pglite.wasm and
 * pglite.data are fetched from the same folder. The three downloads run at
 * once. Rejects with the URL and HTTP status of a missing file.
 */
export async function openSeededPglite(snapshotUrl: string): Promise<PGlite> {
  const base = new URL(snapshotUrl);
  const [pgliteWasmModule, fsBundle, loadDataDir] = await Promise.all([
    compileWasm(new URL('pglite.wasm', base)),
    fetchOk(new URL('pglite.data', base)).then((r) => r.blob()),
    fetchOk(base).then((r) => r.blob()),
  ]);
  return PGlite.create({ loadDataDir, pgliteWasmModule, fsBundle, initdbWasmModule: new WebAssembly.Module(NO_INITDB) });
}
