/**
 * The site builds, and every internal link in the built HTML resolves to
 * a page or file in dist/, and its #fragment to an element id on that page.
 * Checking the output covers links written in MDX and links components
 * generate alike. (starlight-links-validator assumes src/content/docs/, and
 * chapters here live in content/.)
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { progressMarkup, PROGRESS_ROOT_ENV } from '../../workbook/site-progress.ts';
import { progressRoot } from '../../workbook/testing/site-progress-fixture.ts';
import type { Report } from '../report.ts';
import { run, seconds, tail } from '../run.ts';
import { checkDjangoIndex } from './django-index.ts';

export const DIST = 'dist';

export function htmlPages(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
}

/** The file a link path is served from: a folder's index.html, a .html page, or the file itself. */
function targetFile(path: string): string | null {
  const target = join(DIST, path);
  return [join(target, 'index.html'), `${target}.html`, target].find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
  return ids.get(file)!;
}

/** null when the link is fine, otherwise what is wrong with it. */
function brokenLink(href: string, from: string): string | null {
  const [pathAndQuery, fragment] = href.split('#') as [string, string | undefined];
  const path = decodeURIComponent(pathAndQuery.split('?')[0]!);
  const file = path === '' ? join(DIST, from) : targetFile(path);
  if (!file) return 'no such page';
  if (fragment && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(fragment))) return `no element with id "${fragment}"`;
  return null;
}

export async function checkSite(report: Report): Promise<boolean> {
  // Built with a learner's progress in reach (a fixture .workbook/, never the repository's own):
  // the published site must still show none, since pages read it under `astro dev` only.
  const progress = progressRoot();
  const build = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { env: { [PROGRESS_ROOT_ENV]: progress } });
  rmSync(progress, { recursive: true, force: true });
  report.add('site builds (astro build, links validated)', build.code === 0, build.code === 0 ? seconds(build.ms) : tail(build.output, 40));
  if (build.code !== 0) return false;

  const broken: string[] = [];
  for (const page of htmlPages()) {
    const html = readFileSync(join(DIST, page), 'utf8');
    for (const [, href] of html.matchAll(/\s(?:href|src)="((?:\/|#)[^"]*)"/g)) {
      if (href!.startsWith('//') || href === '#') continue;
      const problem = brokenLink(href!, page);
      if (problem) broken.push(`${page}: ${href} — ${problem}`);
    }
  }
  const shown = htmlPages().flatMap((page) => progressMarkup(readFileSync(join(DIST, page), 'utf8')).map((tag) => `${page}: ${tag}`));
  report.add('no built page shows learner progress (it is shown by npm run dev only)', shown.length === 0, shown.slice(0, 10).join('\n') || undefined);
  report.add(`every internal link in ${htmlPages().length} built pages resolves`, broken.length === 0, [...new Set(broken)].slice(0, 20).join('\n') || undefined);
  await checkDjangoIndex(report);
  return true;
}
