/**
 * Build-time half of the browser runner (issue 15): every grader the
 * manifest marks `browser: 'grades'`, bundled for the browser in ONE esbuild
 * build with code splitting, so what they share (vitest's runner and expect,
 * fast-check, zod, the workbook's helpers, hono) is a few chunks downloaded
 * and compiled once and cached by the browser (content-hashed names), while
 * each exercise adds a small entry the worker re-imports on every grading.
 *
 * Redirects (everything else is bundled as it is):
 *   @exercise/<chapter>/<name>   a module that asks the worker for the learner's
 *                                module (runner/learner.ts) and re-exports the
 *                                names the reference solution exports
 *   src/workbook/testing/leaks.ts, test/06-concurrency/control.ts
 *                                their browser twins in twins/
 *   database.ts, engines.ts, test/fixtures' SQL, node-postgres
 *                                databaseGradersForBrowser (pglite-fixtures-build.ts):
 *                                the database twins over PGlite in the worker
 * A Node-only import anywhere else fails the build with the exercise named —
 * never a reader's tab.
 *
 * Output (outDir):
 *   worker-<hash>.js            the grading worker (runner/worker.ts)
 *   graders/<name>-<hash>.js    one entry per exercise
 *   chunks/<name>-<hash>.js     shared code
 *   reference/<name>.ts         the reference solution's text
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { exercises, paths, type Exercise } from '../curriculum.ts';
import type { RunnerIndex } from './contract.ts';
import { LEARNER_LOADER_GLOBAL } from './runner/learner.ts';
import { databaseGradersForBrowser } from './pglite-fixtures-build.ts';

const here = import.meta.dirname;
const root = resolve(here, '../..');

/** Node-only helpers and the browser twin bundled in their place. */
const TWINS: Record<string, string> = {
  [resolve(root, 'src/workbook/testing/leaks.ts')]: resolve(here, 'twins/leaks.ts'),
  [resolve(root, 'test/06-concurrency/control.ts')]: resolve(here, 'twins/control.ts'),
};
const BROWSER_PACKAGES = new Set(['events', 'buffer']);
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The exercises the manifest says the browser grades. */
const browserExercises = () => exercises.filter((e) => e.browser === 'grades');

/** The bare packages `file` imports at run time (type-only imports left out), e.g. ['hono', 'hono/trailing-slash']. */
async function runtimeImports(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    format: 'esm',
    plugins: [{ name: 'bare-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true })) }],
  });
  const input = result.metafile.inputs[relative(process.cwd(), file)] ?? Object.values(result.metafile.inputs)[0];
  return [...new Set((input?.imports ?? []).filter((i) => i.external).map((i) => i.path))].sort();
}

/** The names `file` exports, as esbuild sees them. */
export async function exportsOf(file: string): Promise<string[]> {
  const result = await build({ entryPoints: [file], bundle: false, format: 'esm', write: false, metafile: true, outdir: '/out', logLevel: 'silent' });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports).sort();
}

interface LearnerSpec { exports: string[]; imports: string[] }

/**
 * `@exercise/<chapter>/<name>` → asks the worker for the learner's module,
 * handing it the packages the exercise may import (its reference's and
 * starter's imports, bundled here), and re-exports the reference's names.
 * A name the learner deleted is undefined, and the test using it fails with a
 * TypeError, as under vitest.
 */
function learnerModule(spec: LearnerSpec): string {
  const lines = spec.imports.map((p, i) => `import * as dep${i} from ${JSON.stringify(p)};`);
  const deps = `{ ${spec.imports.map((p, i) => `${JSON.stringify(p)}: dep${i}`).join(', ')} }`;
  lines.push(`const learner = await globalThis[${JSON.stringify(LEARNER_LOADER_GLOBAL)}](${deps});`);
  for (const n of spec.exports) lines.push(n === 'default' ? 'export default learner.default;' : `export const ${n} = learner.${n};`);
  return lines.join('\n');
}

function graderPlugin(learners: Map<string, LearnerSpec>): Plugin {
  return {
    name: 'workbook-browser-graders',
    setup(b) {
      b.onResolve({ filter: /^@exercise\// }, (args) => {
        const id = args.path.slice('@exercise/'.length);
        if (!learners.has(id)) return { errors: [{ text: `${args.path}: no browser-graded exercise by that name` }] };
        return { path: id, namespace: 'learner' };
      });
      b.onLoad({ filter: /.*/, namespace: 'learner' }, (args) => ({ contents: learnerModule(learners.get(args.path)!), loader: 'js', resolveDir: root }));
      b.onResolve({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith('.') && !args.path.startsWith('/')) return undefined;
        const path = resolve(args.resolveDir, args.path);
        if (TWINS[path]) return { path: TWINS[path] };
        return undefined;
      });
      b.onResolve({ filter: /^[a-z_:]/ }, (args) => {
        if (!nodeBuiltins.has(args.path)) return undefined;
        // Bare `events` and `buffer` are the npm packages of those names (browser builds of Node's own), which node-postgres gets in the browser.
        if (BROWSER_PACKAGES.has(args.path)) return undefined;
        // PGlite names Node built-ins behind run-time checks it never takes in a browser.
        if (args.importer.includes('/node_modules/@electric-sql/pglite/')) return { path: args.path, namespace: 'empty' };
        return { errors: [{ text: `${args.path} is a Node built-in, imported by ${relative(root, args.importer)}: it has no browser twin` }] };
      });
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
    },
  };
}

const COMMON: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'silent',
  inject: [...databaseGradersForBrowser.inject],
  define: { ...databaseGradersForBrowser.define },
};
/** The database half first: its twins and its Node built-ins for node-postgres win over the generic refusal below. */
const plugins = (learners: Map<string, LearnerSpec>) => [...databaseGradersForBrowser.plugins, graderPlugin(learners)];

/** A failed shared build names the files esbuild names; this finds which exercises they belong to. */
async function failingExercises(list: Exercise[], learners: Map<string, LearnerSpec>): Promise<string[]> {
  const failures: string[] = [];
  for (const e of list) {
    try {
      await build({ ...COMMON, entryPoints: [resolve(root, paths.grader(e))], write: false, plugins: plugins(learners) });
    } catch (error) {
      const texts = [...new Set(((error as { errors?: { text: string }[] }).errors ?? [{ text: String(error) }]).map((x) => x.text))];
      // The twin's own sentence first when there is one: it says what to do.
      texts.sort((a, b) => Number(b.includes('twin (')) - Number(a.includes('twin (')));
      failures.push(`${e.name} (${paths.grader(e)}): ${texts.slice(0, 3).join('; ')}${texts.length > 3 ? ` (and ${texts.length - 3} more)` : ''}`);
    }
  }
  return failures;
}

export interface GraderFiles {
  /** The worker's module, relative to outDir. */
  worker: string;
  exercises: RunnerIndex['exercises'];
}

/** Builds the worker and every browser grader into outDir (see the top of this file). */
export async function buildGraderFiles(outDir: string, options: { minify?: boolean; exercises?: readonly Exercise[] } = {}): Promise<GraderFiles> {
  // options.exercises: the build's own tests try exercises the manifest keeps local-only (they must fail, named).
  const included = options.exercises ? [...options.exercises] : browserExercises();
  const learners = new Map<string, LearnerSpec>();
  for (const e of included) {
    const solution = resolve(root, paths.solution(e));
    const imports = new Set([...(await runtimeImports(solution)), ...(await runtimeImports(resolve(root, paths.starter(e))))]);
    learners.set(`${e.chapter}/${e.name}`, { exports: await exportsOf(solution), imports: [...imports].sort() });
  }
  const entryPoints: Record<string, string> = { worker: resolve(here, 'runner/worker.ts') };
  for (const e of included) entryPoints[`graders/${e.name}`] = resolve(root, paths.grader(e));
  let result;
  try {
    result = await build({
      ...COMMON,
      entryPoints,
      outdir: outDir,
      splitting: true,
      entryNames: '[dir]/[name]-[hash]',
      chunkNames: 'chunks/[name]-[hash]',
      minify: options.minify ?? true,
      metafile: true,
      write: true,
      plugins: plugins(learners),
    });
  } catch (error) {
    const named = await failingExercises(included, learners);
    throw new Error(`browser graders do not bundle:\n${named.length ? named.join('\n') : String(error)}`);
  }
  const outputs = Object.entries(result.metafile!.outputs);
  const entryOf = (name: string) => {
    const [file] = outputs.find(([, o]) => o.entryPoint && resolve(o.entryPoint) === resolve(entryPoints[name]!)) ?? [];
    if (!file) throw new Error(`no output for ${name}`);
    return relative(outDir, resolve(file));
  };
  const index: RunnerIndex['exercises'] = {};
  mkdirSync(join(outDir, 'reference'), { recursive: true });
  for (const e of included) {
    const reference = `reference/${e.name}.ts`;
    writeFileSync(join(outDir, reference), readFileSync(resolve(root, paths.solution(e)), 'utf8'));
    index[e.name] = { grader: entryOf(`graders/${e.name}`), reference, starterPath: paths.starter(e) };
  }
  return { worker: entryOf('worker'), exercises: index };
}

/** The exercises' part of the runner index (the worker is built alongside; build.ts's buildRunner writes the whole index). */
export async function buildGraders(outDir: string): Promise<RunnerIndex['exercises']> {
  return (await buildGraderFiles(outDir)).exercises;
}
