/**
 * Where the learner's work starts in a starter: the first non-blank line
 * after its opening comment (the brief, which the page above already shows).
 * The editor opens with the cursor there instead of at a screenful of
 * comment. 1 when the file does not open with a block comment.
 */
export function lineAfterBrief(text: string): number {
  const lines = text.split('\n');
  if (!lines[0]?.trimStart().startsWith('/*')) return 1;
  const end = lines.findIndex((line) => line.includes('*/'));
  if (end < 0) return 1;
  const next = lines.findIndex((line, i) => i > end && line.trim() !== '');
  return next < 0 ? end + 1 : next + 1;
}
