/**
 * What a reader sees on the built site, checked in the HTML and CSS the build
 * writes: the site URL from SITE_URL, repository and "edit page" links from
 * REPOSITORY_URL (src/site-meta.ts), a home page with navigation and a real comparison, counts
 * printed with the right plural, theme colours for the component lists'
 * links, and library names linked to their documentation.
 *
 * The site is built here, into a temporary folder with a non-default
 * SITE_URL, because verify runs this project before its own site build (and
 * dist/ may be stale or absent); an existing build can be reused with
 * SITE_POLISH_DIST=<folder built with TEAM_COPY_ENV (src/verify/runtime-site.ts)>,
 * which is how verify's graders stage shares one build with check-yourself.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyChapters } from '../../src/curriculum.ts';
import { libraryDocs } from '../../src/library-docs.ts';
import { repositoryLinks, siteUrl } from '../../src/site-meta.ts';
import { buildRuntimeSite, TEAM_REPOSITORY, TEAM_SITE } from '../../src/verify/runtime-site.ts';

const REPOSITORY = repositoryLinks({ REPOSITORY_URL: TEAM_REPOSITORY })!;

let out = process.env.SITE_POLISH_DIST ?? '';
let removeBuild = () => {};

beforeAll(async () => {
  if (out) return;
  const site = await buildRuntimeSite();
  if (site.problem) throw new Error(`astro build failed:\n${site.problem}`);
  [out, removeBuild] = [site.dir, site.remove];
}, 300_000);
afterAll(() => removeBuild());

const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
/**
 * The page's prose as Markdown wrote it: paragraphs and list items without
 * attributes (components' own markup carries Astro's scoping class), with
 * code and tags removed. Names inside components (a pane label, an exercise
 * title) are not prose a reader follows to the docs.
 */
function prose(html: string): string {
  const main = html.slice(html.indexOf('<main'), html.lastIndexOf('</main>'));
  return [...main.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)]
    .map((m) => m[2]!)
    .join(' ')
    .replace(/<(pre|code|script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');
}
const text = (html: string) => html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('site and repository URLs come from one place', () => {
  it('links a repository only when REPOSITORY_URL names one (no link to a repository that does not exist)', () => {
    expect(repositoryLinks({})).toBeNull();
    expect(repositoryLinks({ REPOSITORY_URL: 'https://github.com/acme/guide/' })).toEqual({ url: 'https://github.com/acme/guide', editBaseUrl: 'https://github.com/acme/guide/edit/main/' });
    expect(repositoryLinks({ REPOSITORY_URL: 'https://github.com/acme/guide', REPOSITORY_BRANCH: 'trunk' })?.editBaseUrl).toBe('https://github.com/acme/guide/edit/trunk/');
    expect(() => repositoryLinks({ REPOSITORY_URL: 'github.com/acme/guide' })).toThrow();
  });

  it('reads SITE_URL, falls back to the default, and refuses a malformed one', () => {
    expect(siteUrl({})).toBe('https://django-to-typescript.example');
    expect(siteUrl({ SITE_URL: 'https://guide.example.com/' })).toBe('https://guide.example.com');
    expect(() => siteUrl({ SITE_URL: 'guide.example.com' })).toThrow();
    expect(() => siteUrl({ SITE_URL: 'ftp://guide.example.com' })).toThrow(/http/);
  });

  it('puts SITE_URL in canonical links and the sitemap', () => {
    expect(page('')).toContain(`<link rel="canonical" href="${TEAM_SITE}/"`);
    expect(page('01-shape-of-a-service')).toContain(`<link rel="canonical" href="${TEAM_SITE}/01-shape-of-a-service/"`);
    const sitemap = readdirSync(out).filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => readFileSync(join(out, f), 'utf8')).join('');
    expect(sitemap).toContain(`<loc>${TEAM_SITE}/plan/</loc>`);
    expect(sitemap).not.toContain('django-to-typescript.example');
  });

  it('links the repository from the header and each chapter to its source file', () => {
    const chapter = page('01-shape-of-a-service');
    expect(chapter).toContain(`href="${TEAM_REPOSITORY}"`);
    expect(chapter).toContain(`href="${REPOSITORY.editBaseUrl}content/01-shape-of-a-service/index.mdx"`);
    // The edit link names a file that exists, so it opens the page's real source.
    expect(existsSync('content/01-shape-of-a-service/index.mdx')).toBe(true);
  });
});

describe('home page', () => {
  const home = () => page('');
  it('has the site navigation, which gives phones the menu button', () => {
    expect(home()).toContain('id="starlight__sidebar"');
    expect(home()).toMatch(/<button popovertarget="starlight__sidebar" class="sl-menu-button/);
    for (const c of readyChapters) expect(home()).toContain(`href="/${c.slug}/"`);
  });
  it('shows a real comparison, read from the snippet files', () => {
    const shown = text(home());
    expect(shown).toContain('def hello(request):');
    expect(shown).toContain('export function hello(request: Request): Response');
  });
});

describe('counts read as English', () => {
  it('no page prints "1" before a plural noun', () => {
    const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    const wrong = pages.flatMap((f) => {
      const found = text(readFileSync(join(out, f), 'utf8')).match(/(?<![\d.,])1 (exercises|chapters|hints|minutes|days|hours|questions|lines|files|tests)\b/g);
      return found ? [`${f}: ${found.join(', ')}`] : [];
    });
    expect(wrong).toEqual([]);
  });
  it('the week plan says "1 exercise" for a chapter with one', () => {
    expect(text(page(''))).toMatch(/— 1 exercise(?!s)/);
  });
});

describe('links in component lists use the theme colour', () => {
  it('the week plan and exercise lists colour links, visited ones too, with the accent', () => {
    // Small component styles are inlined into the page, larger ones linked from _astro/.
    const linked = readdirSync(join(out, '_astro')).filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(out, '_astro', f), 'utf8'));
    const css = [...linked, page('plan'), page('01-shape-of-a-service')].join('\n');
    for (const list of ['week-plan', 'exercise-list']) {
      const rule = new RegExp(`\\.${list}[^{}]*\\ba[^{}]*:visited[^{}]*\\{[^}]*color:\\s*var\\(--sl-color-text-accent\\)`);
      expect(css, list).toMatch(rule);
    }
  });
});

describe('libraries named in prose link to their documentation', () => {
  for (const path of [...readyChapters.map((c) => c.slug), '', 'plan', 'workbook']) {
    it(`/${path}`, () => {
      const html = page(path);
      const missing = libraryDocs
        .filter((lib) => lib.name.test(prose(html)))
        .filter((lib) => ![lib.docs, ...(lib.alsoAccepted ?? [])].some((url) => html.includes(`href="${url}"`)))
        .map((lib) => `${lib.name} → ${lib.docs}`);
      expect(missing).toEqual([]);
    });
  }
});
