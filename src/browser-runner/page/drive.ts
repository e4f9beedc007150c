/**
 * Drives an exercise page's "Solve it here" section from Playwright, as a
 * reader would — open the editor, paste a whole file, press Grade, read the
 * results panel — for verify's runner stage and the bench. One driver, so
 * the checks and the figures measure the same clicks.
 */
import type { Page } from 'playwright-core';
import type { TestOutcome } from '../contract.ts';
import { progressKey } from './progress-store.ts';

const SECTION = '[data-solve-here]';

export interface PageGrade {
  solved: boolean;
  /** The results panel's text (verdict, counts, first failure). */
  summary: string;
  outcomes: { name: string; state: TestOutcome['state'] }[];
  localOnly: number;
  /** Grade click → results shown. */
  ms: number;
}

/** Clicks "Open the editor" and waits for CodeMirror. */
export async function openEditor(page: Page): Promise<void> {
  await page.locator(`${SECTION} .sh-open`).click();
  await page.locator(`${SECTION} .cm-content`).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Replaces the editor's text as pasting does (one input, no auto-indent or bracket closing per character). */
export async function pasteFile(page: Page, source: string): Promise<void> {
  await page.locator(`${SECTION} .cm-content`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.evaluate(
    ([selector, text]) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector(`${selector} .cm-content`)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [SECTION, source] as const,
  );
}

/**
 * Pastes `source`, grades it, and reads the verdict. Checks the page graded
 * exactly `source` (what a grade saves in local storage), so an editor that
 * re-indented the paste can never pass for a grader's verdict.
 */
export async function gradeInPage(page: Page, source: string, timeoutMs = 120_000): Promise<PageGrade> {
  await pasteFile(page, source);
  const exercise = await page.locator(SECTION).getAttribute('data-exercise');
  const started = Date.now();
  await page.locator(`${SECTION} [data-action="grade"]`).click();
  await page.waitForFunction(
    (selector) => {
      const panel = document.querySelector<HTMLElement>(`${selector} .sh-results`);
      const button = document.querySelector(`${selector} [data-action="grade"]`);
      return !!panel?.dataset.tone && panel.dataset.tone !== 'busy' && button?.getAttribute('aria-disabled') !== 'true';
    },
    SECTION,
    { timeout: timeoutMs, polling: 20 },
  );
  const ms = Date.now() - started;
  const read = await page.evaluate(
    ([selector, key]) => {
      const panel = document.querySelector<HTMLElement>(`${selector} .sh-results`)!;
      const outcomes = [...panel.querySelectorAll<HTMLElement>('[data-test-state]')].map((li) => ({
        name: li.querySelector('.sh-test-name')?.textContent ?? '',
        state: li.dataset.testState as 'pass' | 'fail' | 'local-only',
      }));
      let saved: string | undefined;
      try {
        saved = JSON.parse(localStorage.getItem(key) ?? '{}').code;
      } catch {}
      return { tone: panel.dataset.tone, text: panel.innerText, outcomes, saved };
    },
    [SECTION, progressKey(exercise ?? '')] as const,
  );
  if (read.saved !== source) throw new Error(`the page graded other code than was pasted (local storage holds ${read.saved === undefined ? 'nothing' : `${read.saved.length} characters, not ${source.length}`})`);
  return {
    solved: read.tone === 'solved',
    summary: read.text.split('\n').filter(Boolean).slice(0, 6).join('\n'),
    outcomes: read.outcomes,
    localOnly: read.outcomes.filter((o) => o.state === 'local-only').length,
    ms,
  };
}

/** What a local-only exercise page shows: the note's text, and whether an editor is offered anyway. */
export async function readLocalOnlyNote(page: Page): Promise<{ reason: string; editorOffered: boolean }> {
  const note = page.locator('[data-runs-locally-only]');
  const reason = (await note.count()) ? await note.innerText() : '';
  return { reason: reason.replace(/\s+/g, ' '), editorOffered: (await page.locator(SECTION).count()) > 0 };
}
