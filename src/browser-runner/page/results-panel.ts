/**
 * Draws a GradeSummary (grade-summary.ts) into the page's results panel, an
 * aria-live region: a screen reader hears the headline and counts when a
 * grade ends. Text only, built with DOM nodes (never innerHTML): test names
 * and messages come from the learner's code and must not become markup.
 */
import type { GradeSummary } from './grade-summary.ts';

/** Appends `text`, with `backtick` spans set as <code>. */
export function appendProse(parent: HTMLElement, text: string): void {
  text.split('`').forEach((part, i) => {
    if (i % 2 === 0) parent.append(part);
    else {
      const code = document.createElement('code');
      code.textContent = part;
      parent.append(code);
    }
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function showBusy(panel: HTMLElement, text: string): void {
  panel.dataset.tone = 'busy';
  panel.replaceChildren(el('p', 'sh-headline', text));
}

/** Something the learner did, not a grade (a reset). */
export function showNote(panel: HTMLElement, text: string): void {
  panel.dataset.tone = 'note';
  panel.replaceChildren(el('p', '', text));
}

export function showSummary(panel: HTMLElement, summary: GradeSummary): void {
  panel.dataset.tone = summary.tone;
  const headline = el('p', 'sh-headline');
  const mark = el('span', 'sh-mark', summary.tone === 'solved' ? '✔' : '✘');
  mark.setAttribute('aria-hidden', 'true');
  headline.append(mark, ' ');
  appendProse(headline, summary.headline);
  const parts: HTMLElement[] = [headline];
  if (summary.counts) parts.push(el('p', 'sh-counts', summary.counts));
  if (summary.detail) {
    const box = el('div', 'sh-detail');
    box.append(el('p', 'sh-detail-title', summary.detail.title), el('pre', 'sh-message', summary.detail.text));
    parts.push(box);
  }
  if (summary.localOnly) {
    const list = el('ul', 'sh-local-only');
    for (const t of summary.localOnly) {
      const item = el('li', '');
      item.append(el('span', 'sh-test-name', t.name), ` — runs only with npm test: ${t.reason}`);
      list.append(item);
    }
    parts.push(list);
  }
  if (summary.tests?.length) parts.push(allTests(summary.tests));
  panel.replaceChildren(...parts);
}

const STATE_MARK = { pass: '✔', fail: '✘', 'local-only': '–' } as const;
const STATE_WORD = { pass: 'passed', fail: 'failed', 'local-only': 'runs only with npm test' } as const;

/** Every test by name, folded away: the requirements as the grader states them, each with how it went. */
function allTests(tests: NonNullable<GradeSummary['tests']>): HTMLElement {
  const details = el('details', 'sh-all-tests');
  details.append(el('summary', '', `All ${tests.length} tests`));
  const list = el('ol', '');
  for (const t of tests) {
    const item = el('li', '');
    item.dataset.testState = t.state;
    const mark = el('span', 'sh-mark', STATE_MARK[t.state]);
    mark.setAttribute('aria-hidden', 'true');
    const word = el('span', 'sr-only', `${STATE_WORD[t.state]}: `);
    item.append(mark, ' ', word, el('span', 'sh-test-name', t.name));
    list.append(item);
  }
  details.append(list);
  return details;
}

/** The CLI's "Stuck?" line, under a failure: where the next hint is. */
export function appendStuck(panel: HTMLElement, text: string): void {
  const line = el('p', 'sh-stuck');
  appendProse(line, text);
  panel.append(line);
}

/** A problem that is not a grade (the reference did not load), with `code` spans. */
export function showProblem(panel: HTMLElement, text: string): void {
  panel.dataset.tone = 'error';
  const line = el('p', 'sh-headline');
  appendProse(line, text);
  panel.replaceChildren(line);
}
