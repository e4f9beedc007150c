/**
 * How many single-character edits (insert, delete, substitute, or swap two
 * neighbours) turn one string into the other: the optimal string alignment
 * distance. "Did you mean …?" uses it to rank exercise names against a typo;
 * the swap counts as one edit because `invocie` is one slip, not two.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j] = distance between a's first i characters and b's first j.
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidates close enough to `query` to be what was meant, nearest first
 * (at most `max`). "Close enough" grows with the length of the name: two
 * edits for short names, about a third of the characters for long ones.
 */
export function closest(query: string, candidates: readonly string[], max = 3): string[] {
  const q = query.toLowerCase();
  return candidates
    .map((name) => ({ name, distance: editDistance(q, name.toLowerCase()) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(Math.max(q.length, name.length) / 3)))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, max)
    .map(({ name }) => name);
}
