/**
 * "Solve it here" on an exercise page, after the learner clicks "Open the
 * editor" (this module is a dynamic-import chunk: nothing of it, CodeMirror
 * or the runner loads before that click).
 *
 * The markup it drives is rendered by src/components/SolveHere.astro; the
 * grading is the runner's (`createBrowserGrader` from ../client.ts, itself
 * imported on the first Grade, so opening the editor does not start
 * Postgres). What it keeps, in local storage (progress-store.ts): the code
 * on every edit, whether it has passed, the hints revealed — as the CLI
 * keeps .workbook/ — and it unlocks the reference after a pass, as
 * `npm run solution` does.
 */
import type { BrowserGrader, GradeResult, RunnerIndex } from '../contract.ts';
import { RUNNER_INDEX } from '../contract.ts';
import { createEditor, showReadOnly, type CodeEditor } from './editor.ts';
import { summarize } from './grade-summary.ts';
import { lineAfterBrief } from './line-after-brief.ts';
import { loadExercise, saveExercise, type SavedExercise } from './progress-store.ts';
import { appendStuck, showBusy, showNote, showProblem, showSummary } from './results-panel.ts';

/** What SolveHere.astro writes, as JSON, in the section's data-solve-here attribute. */
export interface SolveHereData {
  exercise: string;
  /** The starter's path in the workbook, e.g. `exercises/01-shape-of-a-service/greet.ts`. */
  starterPath: string;
  /** The untouched starter file, as shipped. */
  starter: string;
  /** Whether its grader uses Postgres (the first grade then waits for PGlite to start, and says so). */
  database: boolean;
}

/** Waits this long after the last keystroke before saving: typing stays smooth, a reload loses at most this much. */
const SAVE_DELAY_MS = 300;

function part<T extends HTMLElement>(section: HTMLElement, selector: string): T {
  const found = section.querySelector<T>(selector);
  if (!found) throw new Error(`SolveHere: ${selector} missing from the section`);
  return found;
}

function readData(section: HTMLElement): SolveHereData {
  const json = section.dataset.solveHere;
  if (!json) throw new Error('SolveHere: the section has no data-solve-here');
  return JSON.parse(json) as SolveHereData;
}

export async function openSolveHere(section: HTMLElement): Promise<void> {
  const data = readData(section);
  const runnerBase = section.dataset.runnerBase ?? '';
  const fileName = data.starterPath.split('/').at(-1)!;
  const saved: SavedExercise = loadExercise(data.exercise);

  const workspace = part(section, '.sh-workspace');
  const results = part(section, '.sh-results');
  const buttons = {
    grade: part<HTMLButtonElement>(section, '[data-action="grade"]'),
    hint: part<HTMLButtonElement>(section, '[data-action="hint"]'),
    reset: part<HTMLButtonElement>(section, '[data-action="reset"]'),
    download: part<HTMLButtonElement>(section, '[data-action="download"]'),
    reference: part<HTMLButtonElement>(section, '[data-action="reference"]'),
  };
  const hintItems = [...section.querySelectorAll<HTMLElement>('.sh-hints li')];
  const hintBox = part(section, '.sh-hints');
  const hintCount = part(section, '.sh-hint-count');
  const solvedLine = part(section, '.sh-solved');
  const storageWarning = part(section, '.sh-storage-warning');

  const persist = () => {
    if (!saveExercise(data.exercise, saved)) storageWarning.hidden = false;
  };

  /** Created on the first Grade (it starts the worker, and Postgres). */
  let grader: BrowserGrader | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    persist();
  };
  /** Saves now if an edit is waiting to be saved. */
  const flush = () => {
    if (saveTimer !== undefined) saveNow();
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(flush, SAVE_DELAY_MS);
  };
  // A reload or a closed tab within the delay still keeps the last keystrokes.
  addEventListener('pagehide', () => {
    flush();
    grader?.dispose();
  });

  /* Hints: revealed one at a time, as `npm run hint` does; the count is remembered. */
  const showHints = () => {
    const seen = Math.min(saved.hintsSeen, hintItems.length);
    hintItems.forEach((li, i) => (li.hidden = i >= seen));
    hintBox.hidden = seen === 0;
    hintCount.textContent = seen < hintItems.length ? `Hint ${seen} of ${hintItems.length}. Each one gives away a little more.` : `That was the last hint (${seen} of ${hintItems.length}).`;
    buttons.hint.disabled = seen >= hintItems.length;
    buttons.hint.textContent = seen >= hintItems.length ? 'No more hints' : 'Next hint';
  };

  /* The reference: locked until a pass in this browser. */
  const showLock = () => {
    buttons.reference.disabled = !saved.solved;
    buttons.reference.textContent = saved.solved ? 'Show the reference' : 'Reference (after a pass)';
    solvedLine.hidden = !saved.solved;
  };

  const editor: CodeEditor = createEditor({
    parent: part(section, '.sh-editor'),
    text: saved.code ?? data.starter,
    label: `Your code: ${fileName}`,
    onChange(text) {
      saved.code = text;
      saveSoon();
    },
    onGrade: () => void grade(),
  });

  /* Grading. The grader (and its worker, and Postgres) starts on the first Grade. */
  let grading = false;
  async function grade(): Promise<void> {
    if (grading) return;
    grading = true;
    // What is graded is what is kept: a reload right after shows the code that got this result.
    flush();
    const first = grader === undefined;
    buttons.grade.setAttribute('aria-disabled', 'true');
    buttons.grade.classList.add('sh-busy');
    buttons.grade.textContent = 'Grading…';
    showBusy(results, !first ? 'Grading…' : data.database ? 'Starting Postgres in your browser… the first grade takes a few seconds.' : 'Starting the grader in your browser…');
    let result: GradeResult;
    try {
      if (!grader) {
        const { createBrowserGrader } = await import('../client.ts');
        // Awaited: whether the real client answers at once or after starting its worker, this works the same.
        grader = await createBrowserGrader({ runnerBase });
      }
      result = await grader.grade(data.exercise, editor.text());
    } catch (error) {
      result = { kind: 'error', stage: 'crash', message: error instanceof Error ? error.message : String(error) };
    } finally {
      grading = false;
      buttons.grade.removeAttribute('aria-disabled');
      buttons.grade.classList.remove('sh-busy');
      buttons.grade.textContent = 'Grade';
    }
    const summary = summarize(result, data.exercise);
    showSummary(results, summary);
    if (summary.tone !== 'solved') appendStuck(results, stuckLine(saved.hintsSeen, hintItems.length));
    if (result.kind === 'graded' && result.solved && !saved.solved) {
      saved.solved = true;
      persist();
      showLock();
    }
    if (summary.position) editor.goTo(summary.position.line, summary.position.column);
  }
  buttons.grade.addEventListener('click', () => void grade());

  buttons.hint.addEventListener('click', () => {
    saved.hintsSeen = Math.min(saved.hintsSeen + 1, hintItems.length);
    persist();
    showHints();
    hintItems[saved.hintsSeen - 1]?.scrollIntoView({ block: 'nearest' });
  });

  buttons.reset.addEventListener('click', () => {
    if (!confirm(`Replace your code with the starter of ${fileName}? Undo (Ctrl+Z, ⌘+Z on a Mac) in the editor brings it back.`)) return;
    // Kept in storage too (as `npm run reset` keeps a backup): undo history does not survive a reload.
    saved.beforeReset = editor.text();
    editor.replace(data.starter);
    saved.code = null;
    saveNow();
    showNote(results, 'Back to the starter. Undo (Ctrl+Z, ⌘+Z on a Mac) in the editor brings your code back.');
    editor.focus();
  });

  buttons.download.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([editor.text()], { type: 'text/typescript' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    // After the click has handed the Blob to the download: revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  const referenceBox = part(section, '.sh-reference');
  let referenceShown = false;
  buttons.reference.addEventListener('click', async () => {
    if (!saved.solved || referenceShown) {
      referenceBox.scrollIntoView({ block: 'nearest' });
      return;
    }
    try {
      const index = (await (await fetchOk(runnerBase + RUNNER_INDEX)).json()) as RunnerIndex;
      const entry = index.exercises[data.exercise];
      if (!entry) throw new Error(`${data.exercise} is not in the runner's index`);
      const text = await (await fetchOk(runnerBase + entry.reference)).text();
      referenceShown = true;
      referenceBox.hidden = false;
      showReadOnly(part(referenceBox, '.sh-reference-code'), text, `Reference solution: ${fileName}`);
      buttons.reference.textContent = 'Reference shown below';
      part<HTMLElement>(referenceBox, 'h3').focus();
    } catch (error) {
      showProblem(results, `The reference could not be loaded: ${error instanceof Error ? error.message : String(error)}. \`npm run solution ${data.exercise}\` shows it locally.`);
    }
  });

  showHints();
  showLock();
  workspace.hidden = false;
  part(section, '.sh-open').hidden = true;
  editor.goTo(lineAfterBrief(editor.text()), 1);
}

/** As the CLI ends a failing grade ("Stuck? npm run hint greet"), in this page's words (src/workbook/hints.ts words the CLI's). */
export function stuckLine(seen: number, total: number): string {
  if (seen >= total) return 'You have seen every hint; the chapter explains the idea in full.';
  return `Stuck? Next hint shows hint ${seen + 1} of ${total}.`;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response;
}
