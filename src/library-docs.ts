/**
 * The libraries the guide names and the documentation their first mention in
 * a page's prose links to. test/runtime/site-polish.test.ts reads the built
 * pages and fails when a page names one of these in prose without linking it,
 * so a new chapter that mentions Hono gets its link too.
 *
 * `name` matches the name as prose writes it (whole words, outside code).
 */
export interface LibraryDocs {
  name: RegExp;
  docs: string;
  /** Other addresses that count as its documentation (an earlier link the prose already had). */
  alsoAccepted?: string[];
}

export const libraryDocs: LibraryDocs[] = [
  { name: /\bHono\b/, docs: 'https://hono.dev/docs/' },
  { name: /\b[Zz]od\b/, docs: 'https://zod.dev/', alsoAccepted: ['https://zod.dev'] },
  { name: /\bnode-postgres\b/, docs: 'https://node-postgres.com/' },
  { name: /\bPGlite\b/, docs: 'https://pglite.dev/docs/' },
  { name: /\bpg-mem\b/, docs: 'https://github.com/oguimbal/pg-mem' },
  { name: /\b[Vv]itest\b/, docs: 'https://vitest.dev/guide/' },
  { name: /\bfast-check\b/, docs: 'https://fast-check.dev/' },
  { name: /\bStryker(JS)?\b/, docs: 'https://stryker-mutator.io/docs/stryker-js/introduction/' },
  { name: /\besbuild\b/, docs: 'https://esbuild.github.io/' },
  { name: /\b[Pp]ino\b/, docs: 'https://getpino.io/' },
  { name: /(?<![.\w/-])tsx(?![\w/.-])/, docs: 'https://tsx.is/' },
  { name: /\bDjango REST [Ff]ramework\b|\bDRF\b/, docs: 'https://www.django-rest-framework.org/' },
  { name: /\bPydantic\b/, docs: 'https://docs.pydantic.dev/latest/' },
  { name: /\bFastAPI\b/, docs: 'https://fastapi.tiangolo.com/' },
  { name: /\btime-machine\b/, docs: 'https://time-machine.readthedocs.io/', alsoAccepted: ['https://github.com/adamchainz/time-machine'] },
  { name: /\bdjango-tasks\b(?!-)/, docs: 'https://github.com/RealOrangeOne/django-tasks' },
  { name: /\bStarlight\b/, docs: 'https://starlight.astro.build/' },
];
