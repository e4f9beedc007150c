/**
 * FAKE for helper C's branch; replaced at merge by helper A's client.ts.
 *
 * The exercise page's editor (src/browser-runner/page/) needs a grader to be
 * built and tested before the real one exists. This stands in for it with
 * the same entry point (`createBrowserGrader({ runnerBase })`) and the
 * contract's types, and answers canned GradeResults from the source text
 * alone — it runs no grader, no worker and no PGlite:
 *
 * - unbalanced braces → a `strip` error with a line:col (where the first
 *   unmatched `}` is, or the end of the file for an unclosed `{`);
 * - a source still containing "TODO" or "not implemented" → one failing test
 *   with a multi-line expected/received message, one passing, one local-only;
 * - anything else → solved.
 *
 * The first grade waits a little longer than the next ones, as the real
 * worker's start (Postgres included) does, so the page's busy state shows.
 */
import type { BrowserGrader, GradeResult } from './contract.ts';

export interface BrowserGraderOptions {
  /** The built site's runner folder, ending in `/` (e.g. `/runner/`). */
  runnerBase: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function unbalancedBrace(source: string): { line: number; column: number } | null {
  let depth = 0;
  let line = 1;
  let column = 1;
  for (const ch of source) {
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) return { line, column };
    if (ch === '\n') [line, column] = [line + 1, 1];
    else column++;
  }
  return depth > 0 ? { line, column } : null;
}

export function createBrowserGrader(_options: BrowserGraderOptions): BrowserGrader {
  let started = false;
  return {
    async grade(exercise: string, source: string): Promise<GradeResult> {
      const loadMs = started ? 0 : 600;
      await sleep(loadMs + 50);
      started = true;
      const brace = unbalancedBrace(source);
      if (brace) return { kind: 'error', stage: 'strip', message: `Unexpected token (${brace.line}:${brace.column})` };
      if (/TODO|not implemented/.test(source)) {
        return {
          kind: 'graded',
          outcomes: [
            { name: `${exercise} > answers 200 with a JSON greeting`, state: 'fail', message: `${exercise}() is not implemented yet\n\n- Expected\n+ Received\n\n- 200\n+ 500`, durationMs: 3 },
            { name: `${exercise} > answers 400 for a missing name`, state: 'pass', durationMs: 1 },
            { name: `${exercise} > frees its timers (needs a forced garbage collection)`, state: 'local-only', message: 'needs node --expose-gc, which a browser does not have', durationMs: 0 },
          ],
          passed: 1,
          failed: 1,
          localOnly: 1,
          solved: false,
          timings: { loadMs, totalMs: loadMs + 50 },
        };
      }
      return {
        kind: 'graded',
        outcomes: [
          { name: `${exercise} > answers 200 with a JSON greeting`, state: 'pass', durationMs: 3 },
          { name: `${exercise} > answers 400 for a missing name`, state: 'pass', durationMs: 1 },
        ],
        passed: 2,
        failed: 0,
        localOnly: 0,
        solved: true,
        timings: { loadMs, totalMs: loadMs + 50 },
      };
    },
    dispose() {
      started = false;
    },
  };
}
