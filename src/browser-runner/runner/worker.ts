/**
 * The grading worker (a module Web Worker, started by ../client.ts).
 *
 * The page talks to it over a MessagePort it hands over first
 * ({ type: 'connect' } with the port transferred), not over the worker's own
 * postMessage: the learner's code runs in this worker and can call
 * self.postMessage, but cannot reach the port (a closure here) nor change how
 * it posts (postMessage taken before any learner code runs), so it cannot
 * forge a result.
 *
 *   in   { type: 'grade', id, grader, source, file, runnerBase }
 *          grader: absolute URL of the exercise's grader entry; source: the
 *          learner's whole file (TypeScript); file: its path, for messages
 *   out  { type: 'beat', id, test }   every BEAT_MS while the event loop is free,
 *          naming the test running (or null while loading): the page's watchdog
 *          stops the worker when the beats stop (an endless loop)
 *        { type: 'result', id, result, retire }   a GradeResult (without timings the page adds);
 *          retire: this worker ran a forced garbage collection, start a new one for the next grade
 *
 * Per grading: strip the types (sucrase), import the grader entry again under
 * a fresh URL (a fresh module instance: its tests are registered anew, and its
 * `@exercise/…` module asks for the learner's code again), which imports the
 * learner's module from a fresh Blob URL. The shared chunks (vitest, fast-check,
 * helpers) are imported once per worker and stay.
 */
import type { GradeResult } from '../contract.ts';
import { clearTimersLeftBehind, forcedCollections, native } from '../twins/watchers.ts';
import type { LearnerLoader } from './learner.ts';
import { LEARNER_LOADER_GLOBAL } from './learner.ts';
import { runGrader } from './runtime.ts';
import { rewriteImports, strip } from './strip.ts';
import { Buffer } from 'buffer';

// Node's global Buffer, which answers written for Node use without an import
// (create-invoice's reference reads the body with Buffer.concat): the npm
// `buffer` package is Node's Buffer built for browsers, the one node-postgres
// gets here too.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

export const BEAT_MS = 250;

export interface GradeRequest { type: 'grade'; id: number; grader: string; source: string; file: string; runnerBase: string }
export type WorkerMessage =
  | { type: 'beat'; id: number; test: string | null }
  /** loadMs: importing the grader (and learner) in this run; loadedAt: when that ended, in epoch ms (the page adds the worker's start). */
  | { type: 'result'; id: number; result: GradeResult; loadMs: number; loadedAt?: number; retire: boolean };

let runs = 0;

const blobUrl = (code: string) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));

/** A module re-exporting one bundled package's namespace, for the learner's `import … from '<package>'`. */
function packageModule(specifier: string, namespace: Record<string, unknown>): string {
  const names = Object.keys(namespace).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
  const ref = `globalThis[${JSON.stringify(PACKAGES_GLOBAL)}][${JSON.stringify(specifier)}]`;
  // `export { v0 as name }`, not `export const name`: a package may export a reserved word (zod exports `catch`),
  // which is a valid export name but not a valid variable name.
  return [
    `const ns = ${ref};`,
    ...names.map((n, i) => `const v${i} = ns[${JSON.stringify(n)}];`),
    `export { ${names.map((n, i) => `v${i} as ${n}`).join(', ')} };`,
    ...('default' in namespace ? ['export default ns.default;'] : []),
  ].join('\n');
}
const PACKAGES_GLOBAL = '__djtsLearnerPackages';

async function grade(request: GradeRequest, send: (message: WorkerMessage) => void): Promise<{ result: GradeResult; loadMs: number; loadedAt?: number }> {
  const stripped = strip(request.source, request.file);
  if (!stripped.ok) return { result: { kind: 'error', stage: 'strip', message: stripped.message }, loadMs: 0 };
  (globalThis as any).__DJTS_RUNNER_BASE__ = request.runnerBase;
  const urls: string[] = [];
  const loader: LearnerLoader = async (packages) => {
    (globalThis as any)[PACKAGES_GLOBAL] = packages;
    const allowed = Object.keys(packages);
    const modules = new Map<string, string>();
    const code = rewriteImports(stripped.code, (specifier) => {
      const known = packages[specifier];
      if (!known) {
        throw new Error(
          `${request.file} imports "${specifier}", which this page cannot load` +
            (allowed.length ? ` (it offers ${allowed.map((a) => `"${a}"`).join(', ')})` : ' (the exercise needs no imports)') +
            ': run npm test to grade it on your machine.',
        );
      }
      if (!modules.has(specifier)) modules.set(specifier, blobUrl(packageModule(specifier, known)));
      return modules.get(specifier)!;
    });
    urls.push(...modules.values());
    const url = blobUrl(code);
    urls.push(url);
    return import(/* @vite-ignore */ url);
  };
  (globalThis as any)[LEARNER_LOADER_GLOBAL] = loader;
  let current: string | null = null;
  const beat = () => send({ type: 'beat', id: request.id, test: current });
  // A beat at once: the page learns this worker has loaded its code (client.ts STARTUP_MS → SILENCE_MS).
  beat();
  const beating = native.setInterval(beat, BEAT_MS);
  try {
    const graderUrl = `${request.grader}${request.grader.includes('?') ? '&' : '?'}run=${++runs}`;
    const run = await runGrader({
      importGrader: () => import(/* @vite-ignore */ graderUrl),
      onTestStart: (name) => {
        current = name;
        beat();
      },
    });
    if (run.loadError !== undefined) return { result: { kind: 'error', stage: 'load', message: run.loadError }, loadMs: run.loadMs };
    const passed = run.outcomes.filter((o) => o.state === 'pass').length;
    const failed = run.outcomes.filter((o) => o.state === 'fail').length;
    const localOnly = run.outcomes.filter((o) => o.state === 'local-only').length;
    return {
      result: { kind: 'graded', outcomes: run.outcomes, passed, failed, localOnly, solved: failed === 0 && passed > 0, timings: { loadMs: run.loadMs, totalMs: 0 } },
      loadMs: run.loadMs,
      loadedAt: run.loadedAt,
    };
  } catch (error) {
    return { result: { kind: 'error', stage: 'load', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, loadMs: 0 };
  } finally {
    native.clearInterval(beating);
    clearTimersLeftBehind();
    for (const url of urls) URL.revokeObjectURL(url);
  }
}

const postOn = MessagePort.prototype.postMessage;
let port: MessagePort | undefined;
// Reflect.apply, not postOn.call: guard-setup.ts locks Reflect, nothing locks Function.prototype.call.
const send = (message: WorkerMessage) => port && Reflect.apply(postOn, port, [message]);

self.onmessage = (event: MessageEvent<{ type: 'connect' }>) => {
  if (event.data?.type !== 'connect' || port || !event.ports[0]) return;
  port = event.ports[0];
  // Only the first port counts: later 'connect' messages (the learner's own) are ignored.
  self.onmessage = null;
  port.onmessage = async (message: MessageEvent<GradeRequest>) => {
    if (message.data?.type !== 'grade') return;
    const { result, loadMs, loadedAt } = await grade(message.data, send);
    send({ type: 'result', id: message.data.id, result, loadMs, loadedAt, retire: forcedCollections.count > 0 });
  };
};
