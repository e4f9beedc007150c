/**
 * The learner's view: one table, then the first thing to fix, then where
 * to get help. Fits one screen on purpose: a wall of red teaches nothing.
 */
import { existsSync } from 'node:fs';
import type { Overall } from '../progress.ts';
import { chapters, paths } from '../../curriculum.ts';
import type { ExerciseReport, Status } from '../grading/status.ts';
import { bold, cyan, dim, green, pad, red, yellow } from './style.ts';

const SYMBOL: Record<Status, string> = {
  solved: green('✔ solved'),
  failing: red('✘ failing'),
  'not started': dim('· not started'),
  error: red('✘ does not load'),
  timeout: red('⏱ timed out'),
  'not graded': yellow('? not graded'),
};

export function renderProgress(reports: ExerciseReport[], overall: Overall): string {
  const lines: string[] = [];
  const next = reports.find((r) => r.status !== 'solved');
  lines.push(
    `${bold('Django → TypeScript workbook')}  ${dim('·')}  ` +
      `${bold(`Day ${overall.day} of ${overall.lastDay}`)}: ${overall.daySolved} of ${overall.dayTotal} exercises solved  ${dim('·')}  ` +
      `${overall.solved} of ${overall.total} overall`,
    '',
    dim(`  ${pad('Chapter', 34)}${pad('Exercise', 18)}${pad('Status', 17)}${pad('Tests', 8)}Budget`),
  );
  let lastChapter = '';
  for (const r of reports) {
    const chapter = chapters.find((c) => c.slug === r.exercise.chapter)!;
    const label = chapter.slug === lastChapter ? '' : `${String(chapter.number).padStart(2, '0')} ${chapter.title}`;
    lastChapter = chapter.slug;
    const tests = r.total ? `${r.passed}/${r.total}` : '–';
    lines.push(`  ${pad(truncate(label, 32), 34)}${pad(r.exercise.name, 18)}${pad(SYMBOL[r.status], 17)}${pad(tests, 8)}${r.exercise.minutes} min`);
  }
  lines.push('');
  if (!next) {
    lines.push(green(bold('All selected exercises pass.')) + ' See a reference answer with ' + cyan('npm run solution <exercise>') + '.');
    return lines.join('\n');
  }
  lines.push(`${bold('Next:')} ${bold(next.exercise.name)} — ${next.exercise.title}`);
  const sql = paths.starterSql(next.exercise);
  lines.push(
    existsSync(sql)
      ? `  Edit ${cyan(paths.starter(next.exercise))} and ${cyan(sql)} (after changing the SQL: ${cyan('npm run sqlgen')})`
      : `  Edit ${cyan(paths.starter(next.exercise))}`,
  );
  if (next.firstFailure) {
    const { test, detail } = next.firstFailure;
    lines.push('', `  ${red('✘')} ${test}`);
    for (const line of firstLines(detail.message, 6)) lines.push(`    ${line}`);
    if (detail.expected !== undefined && detail.actual !== undefined) {
      lines.push(`    ${green('expected:')} ${oneLine(detail.expected)}`);
      lines.push(`    ${red('received:')} ${oneLine(detail.actual)}`);
    }
    if (detail.location) lines.push(dim(`    at ${detail.location}`));
  }
  const more = reports.filter((r) => r !== next && r.status !== 'solved').length;
  lines.push(
    '',
    `  Stuck? ${cyan(`npm run hint ${next.exercise.name}`)}   Re-grade on save: ${cyan(`npm run watch -- ${next.exercise.name}`)}` +
      (more ? dim(`   (${more} more to go)`) : ''),
  );
  return lines.join('\n');
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
