/**
 * Where this copy of the site lives and where its source is: the one place a
 * team that hosts its own copy changes (astro.config.mjs reads both).
 *
 * Both come from the build's environment, so a team's copy links to its own
 * repository:
 *   SITE_URL=https://guide.example.com REPOSITORY_URL=https://github.com/acme/guide npm run build
 * The project has no public remote yet. Without REPOSITORY_URL the site has
 * no repository or "Edit page" links at all: a link to a repository that
 * does not exist would send readers to a 404. Without SITE_URL the canonical
 * URL is the placeholder domain below.
 */
const DEFAULT_SITE_URL = 'https://django-to-typescript.example';

/** The canonical site URL: SITE_URL when set (and a valid http(s) URL), else the default. */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.SITE_URL?.trim();
  if (!fromEnv) return DEFAULT_SITE_URL;
  const url = new URL(fromEnv); // throws on a malformed value rather than publishing broken canonical links
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be an http(s) URL, got ${fromEnv}`);
  return url.href.replace(/\/$/, '');
}

export interface RepositoryLinks {
  /** The repository's web page, for the header's GitHub icon. */
  url: string;
  /** Starlight's editLink.baseUrl: Starlight appends each page's path from the project root (content/….mdx). */
  editBaseUrl: string;
}

/** REPOSITORY_URL (a GitHub-style repository; REPOSITORY_BRANCH, default main) when set and valid; null when unset. */
export function repositoryLinks(env: Record<string, string | undefined> = process.env): RepositoryLinks | null {
  const fromEnv = env.REPOSITORY_URL?.trim();
  if (!fromEnv) return null;
  const url = new URL(fromEnv);
  if (url.protocol !== 'https:') throw new Error(`REPOSITORY_URL must be an https URL, got ${fromEnv}`);
  const base = url.href.replace(/\/$/, '');
  const branch = env.REPOSITORY_BRANCH?.trim() || 'main';
  return { url: base, editBaseUrl: `${base}/edit/${branch}/` };
}
