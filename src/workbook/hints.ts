/**
 * What `npm run hint` shows and counts. A hint counts in the progress
 * report when its level is first revealed, once; `--all` only shows again
 * what was already revealed, so reading back never costs anything.
 */
export interface HintView {
  /** Hint levels to print, 1-based. */
  levels: number[];
  /** Levels revealed after this command (what the state should hold). */
  revealed: number;
}

export function hintView(revealedBefore: number, total: number, all: boolean): HintView {
  const before = Math.max(0, Math.min(revealedBefore, total));
  if (all) return { levels: Array.from({ length: before }, (_, i) => i + 1), revealed: before };
  const revealed = Math.min(before + 1, total);
  return { levels: [revealed], revealed };
}

/** The line under the hints: what to run next, with the exact command. */
export function hintFooter(exercise: string, view: HintView, total: number, all: boolean): string {
  if (view.revealed === 0) return `No hint revealed yet: \`npm run hint ${exercise}\` shows the first.`;
  if (view.revealed < total) {
    const again = !all && view.revealed > 1 ? `, or \`npm run hint -- ${exercise} --all\` to see hints 1–${view.revealed} again` : '';
    return `Run \`npm run hint ${exercise}\` again for hint ${view.revealed + 1} of ${total}${again}.`;
  }
  return `That was the last hint. The chapter page explains the idea in full; then \`npm test -- ${exercise}\`.`;
}
