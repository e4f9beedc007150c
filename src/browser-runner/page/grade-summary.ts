/**
 * What the results panel says about a GradeResult, in the words `npm test`
 * uses: "N passed, M failed", then the first failing test's name and its
 * message (the expected/received diff keeps its line breaks), or why the
 * file could not be graded at all. Pure (no DOM), so it is unit-tested
 * beside the page test; results-panel.ts draws it.
 */
import type { GradeResult, TestOutcome } from '../contract.ts';

export interface GradeSummary {
  tone: 'solved' | 'failing' | 'error';
  /** One line: the verdict, first thing a screen reader announces. */
  headline: string;
  /** The counts, e.g. "3 passed, 1 failed, 1 run only with npm test". */
  counts?: string;
  /** The first failure (or the error's text), shown in monospace, line breaks kept. */
  detail?: { title: string; text: string };
  /** Tests that count only under `npm test`, each with the reason. */
  localOnly?: { name: string; reason: string }[];
  /** Every test, named as the CLI names it, in the grader's order (the panel's "All N tests" list). */
  tests?: { name: string; state: TestOutcome['state'] }[];
  /** For a syntax error: where it is in the learner's file (1-based), so the editor can put the cursor there. */
  position?: { line: number; column: number };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The last "line:col" in a parser's message, as sucrase (and Babel, acorn) write it: "Unexpected token (3:14)". */
export function positionIn(message: string): { line: number; column: number } | undefined {
  const all = [...message.matchAll(/(\d+):(\d+)/g)];
  const last = all.at(-1);
  if (!last) return undefined;
  return { line: Number(last[1]), column: Number(last[2]) };
}

export function summarize(result: GradeResult, exercise: string): GradeSummary {
  const command = `npm test -- ${exercise}`;
  if (result.kind === 'error') {
    switch (result.stage) {
      case 'strip': {
        const position = positionIn(result.message);
        const where = position ? ` at line ${position.line}, column ${position.column}` : '';
        return {
          tone: 'error',
          headline: `Your file does not parse${where}: nothing was graded.`,
          detail: { title: 'Syntax error', text: result.message },
          ...(position ? { position } : {}),
        };
      }
      case 'load':
        return { tone: 'error', headline: 'Your file does not load: it threw before any test ran.', detail: { title: 'Error while loading', text: result.message } };
      case 'timeout':
        return {
          tone: 'error',
          headline: 'Stopped: the grade ran too long — an endless loop?',
          detail: { title: 'Stopped by the watchdog', text: result.message },
        };
      case 'crash':
        return {
          tone: 'error',
          headline: 'The grader stopped unexpectedly. Grade again to start a fresh one.',
          detail: { title: 'The grading worker crashed', text: result.message },
        };
    }
  }
  const localOnly = result.outcomes
    .filter((o) => o.state === 'local-only')
    .map((o) => ({ name: o.name, reason: o.message ?? 'needs Node' }));
  const counts = [`${result.passed} passed`, `${result.failed} failed`, ...(result.localOnly > 0 ? [`${result.localOnly} run only with npm test`] : [])].join(', ');
  const tests = result.outcomes.map((o) => ({ name: o.name, state: o.state }));
  const extra = { tests, ...(localOnly.length > 0 ? { localOnly } : {}) };
  // No test that can run here ran (all local-only, or none at all): neither "solved" nor "0 to fix".
  if (result.passed + result.failed === 0) {
    return { tone: 'error', headline: `No test ran here: \`${command}\` grades it.`, counts, ...extra };
  }
  if (result.solved) {
    const rest = result.localOnly > 0 ? ` \`${command}\` also runs the ${plural(result.localOnly, 'test')} a browser cannot, and type-checks your file.` : ` \`${command}\` also type-checks your file.`;
    return { tone: 'solved', headline: `Solved: every test that runs here passes.${rest}`, counts, ...extra };
  }
  const first: TestOutcome | undefined = result.outcomes.find((o) => o.state === 'fail');
  return {
    tone: 'failing',
    headline: `Not solved yet: ${plural(result.failed, 'test')} to fix.`,
    counts,
    ...(first ? { detail: { title: first.name, text: first.message ?? '(no message)' } } : {}),
    ...extra,
  };
}
