/**
 * Lighthouse (Google's own auditor, the npm package) on pages of the built
 * site, with its default mobile settings: a Moto G-class viewport and
 * simulated slow-4G and 4× CPU throttling. Chromium is Debian's
 * (/usr/bin/chromium), started by Lighthouse's chrome-launcher; the site is
 * served by `astro preview` from the bench's own build. Each page runs
 * `runs` times and reports the median of each category, because a
 * performance score moves by a point or two between runs on a loaded
 * machine.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { preview } from 'astro';
import { median } from '../lib/stats.ts';

const CHROMIUM = '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseResult {
  page: string;
  /** Median score per category, 0–100. */
  median: Record<Category, number>;
  /** Every run's performance score, so the spread is visible. */
  performanceRuns: number[];
}

export async function lighthouseScores(projectRoot: string, outDir: string, pages: string[], runs: number): Promise<LighthouseResult[]> {
  const server = await preview({ root: projectRoot, outDir, logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const results: LighthouseResult[] = [];
    for (const page of pages) {
      const scores: Record<Category, number>[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(`http://127.0.0.1:${server.port}${page}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!result) throw new Error(`lighthouse returned nothing for ${page}`);
        const { categories, runtimeError } = result.lhr;
        if (runtimeError) throw new Error(`lighthouse on ${page}: ${runtimeError.code} ${runtimeError.message}`);
        scores.push(Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)])) as Record<Category, number>);
      }
      results.push({
        page,
        median: Object.fromEntries(CATEGORIES.map((c) => [c, median(scores.map((s) => s[c]))])) as Record<Category, number>,
        performanceRuns: scores.map((s) => s.performance),
      });
    }
    return results;
  } finally {
    chrome.kill();
    await server.stop();
  }
}
