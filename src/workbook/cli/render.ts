/**
 * The learner's view: one table, then the first thing to fix, then where
 * to get help. Fits one screen on purpose: a wall of red teaches nothing.
 */
import { existsSync } from 'node:fs';
import type { Overall } from '../progress.ts';
import { chapters, paths, weekOfDay, weeks, type Exercise } from '../../curriculum.ts';
import type { ExerciseReport } from '../grading/status.ts';
import { bold, cyan, dim, green, pad, red, yellow } from './style.ts';

/** At most this many lines of the learner's console output: enough to debug with. */
export const MAX_LOG_LINES = 15;
/** What `npm test` prints fits this many lines (with npm's own four), so the table and the problem share one screen. */
export const SCREEN_LINES = 50;
/** Console output is cut shorter when the screen is full, but never below this. */
const MIN_LOG_LINES = 4;

/** The status column, in words a learner can act on. */
export function statusLabel(r: ExerciseReport): string {
  switch (r.status) {
    case 'solved': return green('✔ solved');
    case 'failing': return red('✘ failing');
    case 'not started': return dim('· not started');
    case 'error': return red('✘ does not load');
    case 'does not type-check': return red('✘ type error');
    case 'timeout': return red(r.stopped === 'never-settles' ? '⏱ never settles' : '⏱ timed out');
    case 'crashed': return red(r.stopped === 'out-of-memory' ? '✘ out of memory' : '✘ crashed');
    case 'file missing': return yellow('? file missing');
    case 'not graded': return yellow('? not graded');
  }
}

export interface RenderOptions {
  /** Inside `npm run watch`: no need to suggest it. */
  watching?: boolean;
}

export function renderProgress(reports: ExerciseReport[], overall: Overall, options: RenderOptions = {}): string {
  const lines = [renderHeader(overall), '', ...renderTable(reports), ''];
  const next = reports.find((r) => r.status !== 'solved');
  // Not graded is not a grade: say why for each, not only for the next exercise.
  const ungraded = reports.filter((r) => r !== next && r.reason && (r.status === 'file missing' || r.status === 'not graded'));
  for (const r of ungraded.slice(0, 3)) lines.push(`${yellow('?')} ${bold(r.exercise.name)}: ${r.reason}`);
  if (ungraded.length > 3) lines.push(dim(`  … and ${ungraded.length - 3} more not graded`));
  if (ungraded.length > 0) lines.push('');
  if (!next) {
    lines.push(green(bold('All selected exercises pass.')) + ' See a reference answer with ' + cyan('npm run solution <exercise>') + '.');
    return lines.join('\n');
  }
  lines.push(`${bold('Next:')} ${bold(next.exercise.name)} — ${next.exercise.title}`, `  ${editLine(next.exercise)}`);
  // The console output gets what is left of the screen after everything else (and npm's banner, and the timing line).
  const withoutLogs = renderProblem({ ...next, logs: undefined });
  const left = SCREEN_LINES - 4 - 2 - lines.length - withoutLogs.length - 4;
  const problem = renderProblem(next, { maxLogLines: Math.max(MIN_LOG_LINES, Math.min(MAX_LOG_LINES, left)) });
  if (problem.length > 0) lines.push('', ...problem);
  const more = reports.filter((r) => r !== next && r.status !== 'solved').length;
  lines.push('', helpLine(next.exercise, options) + (more ? dim(`   (${more} more to go)`) : ''));
  return lines.join('\n');
}

export function renderHeader(overall: Overall): string {
  return (
    `${bold('Django → TypeScript workbook')}  ${dim('·')}  ` +
    `${bold(`Day ${overall.day} of ${overall.lastDay}`)}: ${overall.daySolved} of ${overall.dayTotal} exercises solved  ${dim('·')}  ` +
    `${overall.solved} of ${overall.total} overall`
  );
}

const chapterOf = (r: ExerciseReport) => chapters.find((c) => c.slug === r.exercise.chapter)!;
const weekOf = (r: ExerciseReport) => weekOfDay(chapterOf(r).day);

/**
 * One row per exercise, except a later week nobody has started: while the
 * learner is still in week 1, week 2 is one row (so the table and the first
 * problem keep sharing one screen). It unfolds as soon as one of its
 * exercises is graded, or when the next exercise is in it.
 */
export function renderTable(reports: readonly ExerciseReport[]): string[] {
  const lines = [dim(`  ${pad('Chapter', 31)}${pad('Exercise', 19)}${pad('Status', 17)}${pad('Tests', 7)}Budget`)];
  const next = reports.find((r) => r.status !== 'solved');
  const folded = new Set(
    weeks.filter((w) => {
      const inWeek = reports.filter((r) => weekOf(r) === w);
      return inWeek.length > 1 && inWeek.every((r) => r.status === 'not started') && (!next || weekOf(next) !== w);
    }),
  );
  const summarized = new Set<(typeof weeks)[number]>();
  let lastChapter = '';
  for (const r of reports) {
    const week = weekOf(r);
    if (folded.has(week)) {
      if (summarized.has(week)) continue;
      summarized.add(week);
      const inWeek = reports.filter((x) => weekOf(x) === week);
      const numbers = [...new Set(inWeek.map((x) => chapterOf(x).number))];
      const label = `Week ${week.number}: chapters ${numbers[0]}–${numbers.at(-1)}`;
      const minutes = inWeek.reduce((sum, x) => sum + x.exercise.minutes, 0);
      lines.push(`  ${pad(label, 31)}${pad(`${inWeek.length} exercises`, 19)}${pad(statusLabel(r), 17)}${pad('–', 7)}${minutes} min`);
      continue;
    }
    const chapter = chapterOf(r);
    const label = chapter.slug === lastChapter ? '' : `${String(chapter.number).padStart(2, '0')} ${chapter.title}`;
    lastChapter = chapter.slug;
    const tests = r.total ? `${r.passed}/${r.total}` : '–';
    lines.push(`  ${pad(truncate(label, 30), 31)}${pad(r.exercise.name, 19)}${pad(statusLabel(r), 17)}${pad(tests, 7)}${r.exercise.minutes} min`);
  }
  return lines;
}

/** "Edit exercises/…/greet.ts", with the .sql companion and the sqlgen step when the exercise has one. */
export function editLine(exercise: Exercise): string {
  const sql = paths.starterSql(exercise);
  return existsSync(sql)
    ? `Edit ${cyan(paths.starter(exercise))} and ${cyan(sql)} (after changing the SQL: ${cyan('npm run sqlgen')})`
    : `Edit ${cyan(paths.starter(exercise))}`;
}

export function helpLine(exercise: Exercise, options: RenderOptions = {}): string {
  const watch = options.watching ? '' : `   Re-grade on save: ${cyan(`npm run watch -- ${exercise.name}`)}`;
  return `  Stuck? ${cyan(`npm run hint ${exercise.name}`)}${watch}`;
}

/**
 * The first thing to fix, indented under the exercise: why it was not
 * graded, or its first type error (the compiler speaks before the tests),
 * or its first failing test, then what the learner's code printed.
 */
export function renderProblem(r: ExerciseReport, { maxLogLines = MAX_LOG_LINES } = {}): string[] {
  const lines: string[] = [];
  if (r.status === 'file missing' || r.status === 'not graded') {
    if (r.reason) lines.push(`  ${yellow('?')} ${r.reason}`);
    return lines;
  }
  if (r.status === 'does not type-check' && r.typeProblem) {
    const { file, line, column, code, message } = r.typeProblem;
    lines.push(`  ${red('✘')} does not type-check: ${cyan(`${file}:${line}:${column}`)}`);
    for (const text of firstLines(`${code}: ${message}`, 4)) lines.push(`    ${text}`);
    const others = (r.typeProblems ?? 1) - 1;
    if (others > 0) lines.push(dim(`    (and ${others} more type error${others === 1 ? '' : 's'}: your editor underlines them all)`));
  }
  if (r.firstFailure) {
    const { test, detail } = r.firstFailure;
    if (lines.length > 0) lines.push('');
    lines.push(`  ${red('✘')} ${test}`);
    for (const line of firstLines(detail.message, 6)) lines.push(`    ${line}`);
    if (detail.expected !== undefined && detail.actual !== undefined) {
      lines.push(`    ${green('expected:')} ${oneLine(detail.expected)}`);
      lines.push(`    ${red('received:')} ${oneLine(detail.actual)}`);
    }
    if (detail.location) lines.push(dim(`    at ${detail.location}`));
  }
  if (r.logs) {
    const more = maxLogLines < MAX_LOG_LINES ? `npm test -- ${r.exercise.name} shows ${MAX_LOG_LINES}` : undefined;
    lines.push('', ...renderLogs(r.logs, maxLogLines, more));
  }
  return lines;
}

/** The learner's console output, capped, under a dim label so it is not mistaken for the grader's words. */
export function renderLogs(logs: string, max = MAX_LOG_LINES, howToSeeMore?: string): string[] {
  const all = logs.replace(/\s+$/, '').split('\n');
  const shown = all.slice(0, max).map((line) => `    ${line.length > 200 ? line.slice(0, 199) + '…' : line}`);
  const rest = all.length - shown.length;
  const more = `    … (${rest} more line${rest === 1 ? '' : 's'}${howToSeeMore ? `; ${howToSeeMore}` : ''})`;
  return [dim('  your console output:'), ...shown, ...(rest > 0 ? [dim(more)] : [])];
}

/** An exercise's file and brief: what `npm run watch` prints when it moves to an exercise. */
export function renderBrief(exercise: Exercise): string[] {
  const chapter = chapters.find((c) => c.slug === exercise.chapter)!;
  return [
    `${bold(exercise.name)} — ${exercise.title}  ${dim(`(chapter ${chapter.number}, about ${exercise.minutes} min)`)}`,
    ...wrap(exercise.goal, 78).map((line) => `  ${line}`),
    `  ${editLine(exercise)}${dim(': the requirements are in its opening comment')}`,
  ];
}

function truncate(text: string, width: number) {
  return text.length <= width ? text : text.slice(0, width - 1) + '…';
}

function firstLines(text: string, max: number) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length <= max ? lines : [...lines.slice(0, max), dim(`… (${lines.length - max} more lines)`)];
}

function oneLine(text: string) {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > 160 ? flat.slice(0, 159) + '…' : flat;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
