/**
 * `npm run watch -- [chapter|exercise]` — vitest's watch mode with the
 * workbook's table: save an exercise file and its grader runs again.
 */
import { watch } from 'node:fs';
import { findExercises, paths } from '../../curriculum.ts';
import { runVitest } from '../grading/run-vitest.ts';
import { MODULE_TIMEOUT_MS, report } from '../grading/status.ts';
import { isUntouched } from '../starters.ts';
import { recordRun } from '../progress.ts';
import { parseArgs } from './args.ts';
import { renderProgress } from './render.ts';
import { dim } from './style.ts';

const args = parseArgs(process.argv.slice(2));
const selected = findExercises(args.query);
const files = selected.map(paths.grader);
const total = findExercises(undefined).length;

function clear() {
  if (process.stdout.isTTY) process.stdout.write('\u001bc');
}

for (;;) {
  let savedAt = 0;
  const run = await runVitest({
    target: 'exercises',
    files,
    watch: true,
    env: args.db ? { WORKBOOK_DB: args.db } : {},
    moduleTimeoutMs: MODULE_TIMEOUT_MS,
    onEvent(event, soFar) {
      if (event.type === 'rerun') savedAt = Date.now();
      if (event.type !== 'run-end') return;
      const reports = selected.map((e) => report(e, soFar, isUntouched(e)));
      clear();
      console.log(renderProgress(reports, recordRun(reports)));
      const took = savedAt ? ` · re-graded ${Date.now() - savedAt} ms after the change` : '';
      console.log(dim(`\n  watching ${selected.length === total ? 'all exercises' : selected.map((e) => e.name).join(', ')}${took} · Ctrl-C to stop`));
    },
  });
  if (run.crash) {
    console.error(run.crash);
    process.exit(2);
  }
  // A stuck file killed the watcher: show it, then wait for the next save.
  const reports = selected.map((e) => report(e, run, isUntouched(e)));
  clear();
  console.log(renderProgress(reports, recordRun(reports)));
  console.log(dim('\n  waiting for you to save a file…'));
  await new Promise<void>((resolve) => {
    const watcher = watch('exercises', { recursive: true }, () => {
      watcher.close();
      resolve();
    });
  });
}
