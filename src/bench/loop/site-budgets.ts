/**
 * The site's budgets (issue 14). `npm run bench` prints each figure beside
 * its budget; like every target in the bench, they are measured and
 * reported, never asserted in a test (a timed assertion fails on a busy
 * machine, not on a slow page).
 */
export const SITE_BUDGETS = {
  /** A chapter page's own eager JavaScript, gzipped, beyond what a plain Starlight page loads. */
  ownEagerJsGzipBytes: 20 * 1024,
  /** Lighthouse's mobile performance score (median of runs) on the home page, a chapter and an exercise page. */
  lighthouseMobilePerformance: 98,
} as const;
