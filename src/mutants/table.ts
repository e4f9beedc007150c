/** What `npm run mutants` prints: a table per exercise with its survivors, then a summary. */
import { bold, dim, green, red } from '../workbook/cli/style.ts';
import { scoreOf, type Counts, type MutationReport } from './report.ts';

export const TARGET = 90;

const COLUMNS = ['exercise', 'mutants', 'killed', 'timeout', 'survived', 'no coverage', 'compile errors', 'score'] as const;

function row(name: string, c: Counts, score: number): string[] {
  return [name, c.total, c.killed, c.timeout, c.survived, c.noCoverage, c.compileErrors + c.runtimeErrors, `${score}%`].map(String);
}

function format(rows: string[][]): string {
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [bold(line(COLUMNS)), ...rows.map(line)].join('\n');
}

export function exerciseTable(report: MutationReport): string {
  const lines = [format([row(report.exercise, report.counts, report.score)])];
  const unexplained = report.survivors.filter((s) => s.equivalent === null).length;
  if (report.survivors.length > 0) {
    lines.push(`${report.survivors.length} surviving mutant(s), ${unexplained} not yet explained:`);
    for (const s of report.survivors) {
      const where = `${s.file}:${s.line}:${s.column}`;
      const what = `${s.mutator}${s.status === 'NoCoverage' ? ' (no test reaches it)' : ''}: ${s.original} → ${s.replacement}`;
      lines.push(`  ${where}  ${what}${s.equivalent ? dim(`  [equivalent: ${s.equivalent}]`) : ''}`);
    }
  }
  const verdict = report.score >= TARGET ? green(`${report.score}% ≥ ${TARGET}%`) : red(`${report.score}% is below ${TARGET}%`);
  lines.push(`${verdict}  ${dim(`${report.measured.seconds} s, ${report.measured.secondsPerMutant} s per mutant, ${report.measured.load}`)}`);
  return lines.join('\n');
}

/** All exercises of this run, and the score over all their mutants together. */
export function summary(reports: readonly MutationReport[]): { text: string; score: number } {
  const total: Counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileErrors: 0, runtimeErrors: 0, total: 0 };
  for (const r of reports) for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += r.counts[key];
  const score = scoreOf(total);
  const rows = reports.map((r) => row(r.exercise, r.counts, r.score));
  if (reports.length > 1) rows.push(row('all', total, score));
  return { text: format(rows), score };
}
