/**
 * One build of the site for the runtime tests that read a built site
 * (test/runtime/site-polish.test.ts, check-yourself.test.ts). Alone, each
 * builds its own; under verify they would build twice more beside the
 * graders, loading the machine while timing-sensitive runtime tests run. So
 * the graders stage builds once, before vitest, as a team's own copy would
 * (the URLs below, which site-polish checks), and hands the folder to both
 * through their *_DIST variables. Run alone, each test makes the same build
 * with buildRuntimeSite() itself.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { run, tail } from './run.ts';

/** The site and repository of a team hosting its own copy (src/site-meta.ts reads them). */
export const TEAM_SITE = 'https://team-copy.example.org';
export const TEAM_REPOSITORY = 'https://github.com/team-copy/guide';
export const TEAM_COPY_ENV = { SITE_URL: TEAM_SITE, REPOSITORY_URL: TEAM_REPOSITORY };

export interface RuntimeSite {
  /** The built folder; empty when the build failed. */
  dir: string;
  /** Variables that point the runtime tests at the build; empty when the build failed (they then build their own and report). */
  env: Record<string, string>;
  /** Why the build failed, if it did. */
  problem?: string;
  ms: number;
  remove(): void;
}

/**
 * Two `astro build`s of one checkout at once break each other: both write
 * the same .astro/.prerender/ chunks (seen when the two tests above ran side
 * by side: "Cannot find module …/.astro/.prerender/chunks/…"). So builds
 * made here take turns, through a lock folder inside .astro/ (mkdir is
 * atomic); a lock older than STALE_LOCK_MS is left from a killed run.
 */
const LOCK = resolve('.astro', 'runtime-site-build.lock');
const STALE_LOCK_MS = 10 * 60_000;

async function takeTurn(): Promise<() => void> {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function buildRuntimeSite(): Promise<RuntimeSite> {
  const out = mkdtempSync(join(tmpdir(), 'verify-runtime-site-'));
  const remove = () => rmSync(out, { recursive: true, force: true });
  const release = await takeTurn();
  let build: Awaited<ReturnType<typeof run>>;
  try {
    build = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], { env: TEAM_COPY_ENV });
  } finally {
    release();
  }
  if (build.code !== 0) {
    remove();
    return { dir: '', env: {}, problem: tail(build.output, 30), ms: build.ms, remove: () => {} };
  }
  return { dir: out, env: { SITE_POLISH_DIST: out, CHECK_YOURSELF_DIST: out, SOLVE_HERE_DIST: out }, ms: build.ms, remove };
}
