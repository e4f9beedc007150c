/**
 * The site builds, and every internal link in the built HTML resolves to
 * a page or file in dist/. (starlight-links-validator checks links written
 * in MDX at build time; this also covers links that components generate.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../report.ts';
import { run, seconds, tail } from '../run.ts';

export const DIST = 'dist';

export function htmlPages(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
}

function resolves(href: string): boolean {
  const path = decodeURIComponent(href.split('#')[0]!.split('?')[0]!);
  if (path === '') return true;
  const target = join(DIST, path);
  return existsSync(target) && (!path.endsWith('/') || existsSync(join(target, 'index.html'))) || existsSync(join(target, 'index.html')) || existsSync(`${target}.html`);
}

export async function checkSite(report: Report): Promise<boolean> {
  const build = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build']);
  report.add('site builds (astro build, links validated)', build.code === 0, build.code === 0 ? seconds(build.ms) : tail(build.output, 40));
  if (build.code !== 0) return false;

  const broken: string[] = [];
  for (const page of htmlPages()) {
    const html = readFileSync(join(DIST, page), 'utf8');
    for (const [, href] of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)) {
      if (href!.startsWith('//')) continue;
      if (!resolves(href!)) broken.push(`${page}: ${href}`);
    }
  }
  report.add(`every internal link in ${htmlPages().length} built pages resolves`, broken.length === 0, [...new Set(broken)].slice(0, 20).join('\n') || undefined);
  return true;
}
