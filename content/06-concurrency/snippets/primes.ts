/** CPU-bound work: counting primes by trial division. */
// #region count
export function countPrimes(limit: number, from = 2): number {
  let count = 0;
  for (let n = Math.max(from, 2); n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}
// #endregion
