/**
 * Proof that "timed out" means the learner's code hung, never that the
 * machine was busy (issue 11, item 6). Too heavy for a unit test (~40-60 s on
 * 2 cores), so verify calls it as a check:
 *
 *   Two gradings of every exercise at the same time, as `npm test` runs
 *   them: one on the untouched starters, one where `greet` is replaced by a
 *   file whose top level is `while (true) {}`.
 *   - no untouched starter may be stopped (loop, never-settles, …);
 *   - every starter must be graded (a module result);
 *   - the loop must be stopped as 'loop', and within its limit.
 *
 * Run alone: `npx tsx src/workbook/grading/stress.ts`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { exercises, paths } from '../../curriculum.ts';
import { runVitest, type RunResult } from './run-vitest.ts';
import { substitute } from './substitute.ts';

export interface StressCheck {
  label: string;
  ok: boolean;
  detail: string;
}

const LOOPING_GREET = `export const MAX_NAME_CHARACTERS = 50;
while (true) {}
export function greet(_request: Request): Response {
  return new Response();
}
`;

/** Slack between the limit being passed and the file being reported: the watchdog's tick and the kill. */
const REPORT_SLACK_MS = 3_000;

export async function checkTimeoutsUnderLoad(): Promise<StressCheck[]> {
  const files = exercises.map(paths.grader);
  const greet = paths.grader(exercises.find((e) => e.name === 'greet')!);
  const loop = substitute({ greet: LOOPING_GREET });
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  try {
    const [plain, looping] = await Promise.all([
      runVitest({ target: 'exercises', files, resumeAfterTimeout: true }),
      runVitest({ target: 'exercises', files, resumeAfterTimeout: true, env: loop.env }),
    ]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const load = `load ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, ${seconds} s`;
    const checks: StressCheck[] = [];
    const untouched = (run: RunResult, skip?: string) => run.timedOut.filter((t) => t.file !== skip);
    for (const [label, run, skip] of [
      ['run 1 (starters)', plain, undefined],
      ['run 2 (starters, greet looping)', looping, greet],
    ] as const) {
      const wrongly = untouched(run, skip);
      checks.push({
        label: `${label}: no untouched starter stopped while another grading ran (${load})`,
        ok: wrongly.length === 0 && !run.crash,
        detail: run.crash ?? (wrongly.map((t) => `${t.file}: ${t.reason} (${t.detail})`).join('; ') || `longest heartbeat silence ${maxSilence(run)} ms`),
      });
      const missing = files.filter((f) => f !== skip && !run.modules.some((m) => m.file === f));
      checks.push({ label: `${label}: every starter graded`, ok: missing.length === 0, detail: missing.join(', ') || `${run.modules.length} files` });
    }
    const stopped = looping.timedOut.find((t) => t.file === greet);
    const inTime = stopped?.ranMs !== undefined && stopped.limitMs !== undefined && stopped.ranMs <= stopped.limitMs + REPORT_SLACK_MS;
    checks.push({
      label: 'a top-level while (true) {} is reported as a loop, within its limit',
      ok: stopped?.reason === 'loop' && inTime,
      detail: stopped ? `${stopped.reason} after ${stopped.ranMs} ms (limit ${stopped.limitMs} ms): ${stopped.detail}` : 'not stopped',
    });
    return checks;
  } finally {
    loop.remove();
  }
}

const maxSilence = (run: RunResult) => Math.max(0, ...(run.watchdog ?? []).map((s) => s.maxSilenceMs));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const checks = await checkTimeoutsUnderLoad();
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.label}\n     ${c.detail}`);
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
}
