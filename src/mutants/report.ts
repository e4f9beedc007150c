/**
 * The committed mutation report of one exercise,
 * test/<chapter>/mutants/<exercise>.json, built from Stryker's JSON
 * result (the mutation-testing-report-schema).
 *
 * Everything outside `measured` depends only on the inputs (the
 * fingerprint) and on what the grader does with the mutants, and is
 * written in a stable order, so a re-run on the same files rewrites the
 * same text. Each surviving mutant has an `equivalent` field: null until
 * someone who hardens the grader either kills the mutant with a new test
 * or writes why no test can (the mutant behaves like the reference).
 * Those reasons are carried over to the next report for the same mutant.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Fingerprint } from './inputs.ts';

export const reportPath = (e: { chapter: string; name: string }) => `test/${e.chapter}/mutants/${e.name}.json`;

/** The line a report, the verify check and the table point a reader to. */
export const commandFor = (exercise: string) => `npm run mutants ${exercise}`;

const Counts = z.strictObject({
  /** mutants that made at least one test fail */
  killed: z.number().int(),
  /** mutants that made the grader hang: detected as well */
  timeout: z.number().int(),
  /** every test passed */
  survived: z.number().int(),
  /** no test even ran the mutated code */
  noCoverage: z.number().int(),
  /** rejected by the type checker, as `npm test` would reject them: left out of the score */
  compileErrors: z.number().int(),
  /** crashed the test runner itself: left out of the score */
  runtimeErrors: z.number().int(),
  /** all mutants, including ones Stryker ignored */
  total: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

const Survivor = z.strictObject({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  mutator: z.string(),
  status: z.enum(['Survived', 'NoCoverage']),
  original: z.string(),
  replacement: z.string(),
  /** why no test can tell this mutant from the reference; null while unexplained */
  equivalent: z.string().min(10).nullable(),
});
export type Survivor = z.infer<typeof Survivor>;

export const MutationReport = z.strictObject({
  exercise: z.string(),
  command: z.string(),
  /** the grader + the reference and everything they read; see inputs.ts */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  inputs: z.record(z.string(), z.string()),
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), in percent with one decimal */
  score: z.number(),
  counts: Counts,
  survivors: z.array(Survivor),
  /** how the run went on the machine that made it: not part of the result */
  measured: z.strictObject({
    stryker: z.string(),
    typescriptChecker: z.string(),
    concurrency: z.number().int(),
    seconds: z.number(),
    secondsPerMutant: z.number(),
    load: z.string(),
  }),
});
export type MutationReport = z.infer<typeof MutationReport>;
export type Measured = MutationReport['measured'];

/** The part of Stryker's JSON report that is read here. */
export interface StrykerResult {
  files: Record<
    string,
    {
      source: string;
      mutants: {
        mutatorName: string;
        replacement?: string;
        status: string;
        location: { start: { line: number; column: number }; end: { line: number; column: number } };
      }[];
    }
  >;
}

export function countMutants(result: StrykerResult): Counts {
  const counts: Counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileErrors: 0, runtimeErrors: 0, total: 0 };
  const field: Record<string, keyof Counts> = {
    Killed: 'killed',
    Timeout: 'timeout',
    Survived: 'survived',
    NoCoverage: 'noCoverage',
    CompileError: 'compileErrors',
    RuntimeError: 'runtimeErrors',
  };
  for (const file of Object.values(result.files)) {
    for (const mutant of file.mutants) {
      counts.total += 1;
      const key = field[mutant.status];
      if (key) counts[key] += 1;
    }
  }
  return counts;
}

/** Stryker's mutation score: detected over valid mutants (compile and runtime errors are not valid). */
export function scoreOf(counts: Counts): number {
  const detected = counts.killed + counts.timeout;
  const valid = detected + counts.survived + counts.noCoverage;
  return valid === 0 ? 100 : Math.floor((detected / valid) * 1000) / 10;
}

export function buildReport(
  exercise: string,
  fingerprint: Fingerprint,
  result: StrykerResult,
  measured: Measured,
  previous?: MutationReport,
): MutationReport {
  const counts = countMutants(result);
  const survivors = carryOverReasons(survivorsOf(result), previous?.survivors ?? []);
  return {
    exercise,
    command: commandFor(exercise),
    hash: fingerprint.hash,
    inputs: fingerprint.inputs,
    score: scoreOf(counts),
    counts,
    survivors,
    measured,
  };
}

function survivorsOf(result: StrykerResult): Survivor[] {
  const survivors: Survivor[] = [];
  for (const [file, { source, mutants }] of Object.entries(result.files)) {
    const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((m) => m.index + 1)];
    const offset = ({ line, column }: { line: number; column: number }) => lineStarts[line - 1]! + column - 1;
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      survivors.push({
        file,
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        status: m.status,
        original: oneLine(source.slice(offset(m.location.start), offset(m.location.end))),
        replacement: oneLine(m.replacement ?? ''),
        equivalent: null,
      });
    }
  }
  return survivors.sort(bySourceOrder);
}

/** Whitespace collapsed and long text shortened, so a mutated block stays one readable line. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const bySourceOrder = (a: Survivor, b: Survivor) =>
  compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.mutator, b.mutator) || compare(a.replacement, b.replacement);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A reason written for a survivor of the previous report still applies to
 * the same mutation (file, mutator, original and replacement text), even if
 * edits above it moved it to another line. Identical mutations are matched
 * in source order.
 */
export function carryOverReasons(survivors: Survivor[], previous: readonly Survivor[]): Survivor[] {
  const key = (s: Survivor) => JSON.stringify([s.file, s.mutator, s.original, s.replacement]);
  const reasons = new Map<string, (string | null)[]>();
  for (const s of previous) reasons.set(key(s), [...(reasons.get(key(s)) ?? []), s.equivalent]);
  return survivors.map((s) => ({ ...s, equivalent: reasons.get(key(s))?.shift() ?? null }));
}

export function readReport(root: string, exercise: { chapter: string; name: string }): MutationReport | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, reportPath(exercise)), 'utf8');
  } catch {
    return undefined;
  }
  return MutationReport.parse(JSON.parse(text));
}

export function writeReport(root: string, exercise: { chapter: string; name: string }, report: MutationReport) {
  const file = join(root, reportPath(exercise));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(MutationReport.parse(report), null, 2)}\n`);
}
