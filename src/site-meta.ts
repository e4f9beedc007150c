/**
 * Where this copy of the site lives and where its source is: the one place a
 * team that hosts its own copy changes (astro.config.mjs reads both).
 *
 * The project has no public remote yet, so REPOSITORY_URL is a placeholder
 * until the real one is filled in here; the site URL defaults to the
 * placeholder domain and is overridden at build time with SITE_URL, e.g.
 *   SITE_URL=https://guide.example.com npm run build
 */
export const REPOSITORY_URL = 'https://github.com/django-to-typescript/django-to-typescript';
/** The branch the "Edit page" links open files on. */
export const REPOSITORY_BRANCH = 'main';
const DEFAULT_SITE_URL = 'https://django-to-typescript.example';

/** The canonical site URL: SITE_URL when set (and a valid http(s) URL), else the default. */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.SITE_URL?.trim();
  if (!fromEnv) return DEFAULT_SITE_URL;
  const url = new URL(fromEnv); // throws on a malformed value rather than publishing broken canonical links
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be an http(s) URL, got ${fromEnv}`);
  return url.href.replace(/\/$/, '');
}

/** Starlight's editLink.baseUrl: Starlight appends each page's path from the project root (content/….mdx). */
export const EDIT_BASE_URL = `${REPOSITORY_URL}/edit/${REPOSITORY_BRANCH}/`;
