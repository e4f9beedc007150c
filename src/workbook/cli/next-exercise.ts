/**
 * Where the watch tour goes next: the first exercise not solved, in the
 * manifest's order (the order of the week), looking after the one just
 * solved first and then wrapping round to any skipped earlier.
 */
import type { Exercise } from '../../curriculum.ts';

export function nextUnsolved(list: readonly Exercise[], isSolved: (name: string) => boolean, after?: Exercise): Exercise | undefined {
  const start = after ? list.indexOf(after) + 1 : 0;
  const order = [...list.slice(start), ...list.slice(0, start)];
  return order.find((e) => e !== after && !isSolved(e.name));
}
