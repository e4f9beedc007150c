/**
 * What vitest's own code expects to find in a worker before it loads; this
 * module must be the first the runtime imports (ES modules run in import
 * order), so it only sets globals and imports nothing.
 *
 *   __vitest_worker__   vitest's per-worker state: `vi` reads its fake-timer
 *                       defaults from `config`, `expect` its test path. The
 *                       values are vitest's defaults plus the workbook's
 *                       grader projects (src/workbook/vitest-projects.ts).
 *   process (for a moment)  tinyrainbow, bundled in vitest, decides at load
 *                       whether to colour messages; with no `process` in a
 *                       worker it picks colour, and failure messages would
 *                       carry ANSI codes the CLI's do not. NO_COLOR makes it
 *                       choose plain text; runtime.ts deletes the stand-in
 *                       right after vitest has loaded, before any grader or
 *                       learner code runs (they must see a browser, no `process`).
 */
export const TEST_TIMEOUT_MS = 5_000;
export const HOOK_TIMEOUT_MS = 60_000;

const config = {
  root: '/',
  name: 'browser',
  // vitest-projects.ts `shared`
  testTimeout: TEST_TIMEOUT_MS,
  hookTimeout: HOOK_TIMEOUT_MS,
  allowOnly: false,
  // vitest's configDefaults (vitest/dist/chunks/defaults.*.js) for the rest
  clearMocks: true,
  restoreMocks: false,
  mockReset: false,
  unstubGlobals: false,
  unstubEnvs: false,
  fakeTimers: { loopLimit: 10_000, shouldClearNativeTimers: true },
  maxConcurrency: 5,
  taskTitleValueFormatTruncate: 40,
  retry: 0,
  repeats: 0,
  passWithNoTests: false,
  includeTaskLocation: false,
  sequence: { shuffle: false, concurrent: false, seed: 0, hooks: 'stack', setupFiles: 'parallel' },
  tags: [],
  strictTags: false,
  setupFiles: [] as string[],
  expect: {},
  chaiConfig: null,
  snapshotOptions: { updateSnapshot: 'none', expand: false },
  experimental: {},
};

export type RunnerConfig = typeof config;

const state = {
  config,
  ctx: { pool: 'browser-worker' },
  environment: { name: 'browser-worker' },
  providedContext: {},
  metaEnv: {},
  durations: { environment: 0, prepare: 0 },
  resolvingModules: new Set(),
  evaluatedModules: { idToModuleMap: new Map() },
  onCleanup: () => {},
  filepath: undefined as string | undefined,
};

Object.defineProperty(globalThis, '__vitest_worker__', { value: state, configurable: true, writable: true, enumerable: false });

export const hadProcess = 'process' in globalThis;
if (!hadProcess) (globalThis as any).process = { env: { NO_COLOR: '1' }, argv: [] };

export { config, state };
