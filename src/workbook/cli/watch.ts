/**
 * `npm run watch` — walks you through the week, like rustlings: starts at
 * the first exercise not yet solved (in the manifest's order), shows its
 * file and brief, grades it on every save, and when it passes (tests and
 * type check) says so and moves on to the next one.
 *
 * `npm run watch -- <chapter|exercise …>` — re-grades what was selected on
 * every save, with the workbook's table.
 *
 * Ctrl-C, SIGTERM and closing the terminal (SIGHUP) stop vitest and end.
 */
import { exercises, type Engine, type Exercise } from '../../curriculum.ts';
import { loadState } from '../state.ts';
import { parseArgs, UsageError, type GradeArgs } from './args.ts';
import { nextUnsolved } from './next-exercise.ts';
import { helpLine, renderBrief, renderHeader, renderProblem, renderProgress, statusLabel } from './render.ts';
import { selectExercises } from './select.ts';
import { bold, cyan, dim, green, red, yellow } from './style.ts';
import { watchExercises, type SessionView } from './watch-session.ts';

const stop = new AbortController();
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
for (const [name, code] of Object.entries(SIGNALS)) {
  process.on(name, () => {
    stop.abort();
    // After SIGHUP there is no terminal left to write to.
    if (name !== 'SIGHUP') console.log(dim('\n  Stopped watching. Your progress is saved.'));
    process.exit(code); // 'exit' handlers in run-vitest stop the vitest child if it is still there
  });
}

async function main() {
  let args: GradeArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(red(error.message));
    process.exit(2);
  }
  for (const note of args.notes) console.error(yellow(note));

  if (args.queries.length > 0) {
    const selection = selectExercises(args.queries);
    if (selection.problem !== undefined) {
      console.error(selection.problem);
      process.exit(2);
    }
    const selected = selection.exercises;
    const what = selected.length === exercises.length ? 'all exercises' : selected.map((e) => e.name).join(', ');
    const ended = await watchExercises(selected, {
      db: args.db,
      signal: stop.signal,
      show(view) {
        clear();
        console.log(renderProgress(view.reports, view.overall, { watching: true }));
        console.log(footer(view, what));
      },
    });
    if (typeof ended === 'object') crashed(ended.crash);
  } else {
    await tour(args.db);
  }
}

/** One exercise at a time, in the manifest's order, starting at the first one not solved. */
async function tour(db: Engine | undefined) {
  let banner: string[] = [];
  let current = nextToDo();
  while (current) {
    const exercise: Exercise = current;
    console.log(['', ...banner, '', `${bold('Now:')} ${renderBrief(exercise).join('\n')}`, dim('  grading it…')].join('\n'));
    const ended = await watchExercises([exercise], {
      db,
      signal: stop.signal,
      until: (reports) => reports[0]?.status === 'solved',
      show(view) {
        clear();
        console.log(tourScreen(exercise, view, banner));
      },
    });
    if (ended === 'stopped') return;
    if (typeof ended === 'object') return crashed(ended.crash);
    banner = [`${green(`✔ ${exercise.name} is solved.`)} Compare with the reference: ${cyan(`npm run solution ${exercise.name}`)}`];
    current = nextToDo(exercise);
  }
  console.log(['', ...banner, '', green(bold(`All ${exercises.length} exercises are solved.`)) + ` Share your progress: ${cyan('npm run report')}`].join('\n'));
}

/** Solved while this tour ran: the tour moves on even when progress cannot be saved (see state.ts). */
const solvedHere = new Set<string>();

/** By the recorded progress, and what this tour saw pass. */
function nextToDo(after?: Exercise): Exercise | undefined {
  if (after) solvedHere.add(after.name);
  const state = loadState();
  return nextUnsolved(exercises, (name) => solvedHere.has(name) || !!state.exercises[name]?.solvedAt, after);
}

function tourScreen(exercise: Exercise, view: SessionView, banner: string[]): string {
  const r = view.reports[0]!;
  const tests = r.total ? `  ${r.passed}/${r.total} tests` : '';
  const problem = r.status === 'solved' ? [] : renderProblem(r);
  return [
    renderHeader(view.overall),
    ...(banner.length ? ['', ...banner] : []),
    '',
    ...renderBrief(exercise),
    '',
    `  ${statusLabel(r)}${tests}`,
    ...(problem.length ? ['', ...problem] : []),
    '',
    helpLine(exercise, { watching: true }),
    footer(view, exercise.name),
  ].join('\n');
}

function footer(view: SessionView, what: string): string {
  const lines: string[] = [];
  if (view.typesFailed) lines.push(yellow(`\n  The type check could not run (${view.typesFailed}); "solved" means the tests pass.`));
  if (view.waiting === 'for a save') lines.push(dim('\n  Grading stopped; waiting for you to save a file…'));
  else if (view.waiting === 'for the file') lines.push(dim('\n  Waiting for the file to come back…'));
  else {
    const took = view.tookMs === undefined ? '' : ` · re-graded ${view.tookMs} ms after the change`;
    lines.push(dim(`\n  watching ${what}${took} · Ctrl-C to stop`));
  }
  return lines.join('');
}

function clear() {
  if (process.stdout.isTTY) process.stdout.write('\u001bc');
}

function crashed(output: string) {
  console.error(red('The grader itself failed to start. Its output:\n') + output);
  process.exit(2);
}

await main();
