/**
 * One build of the site for the runtime tests that read a built site
 * (test/runtime/site-polish.test.ts, check-yourself.test.ts). Alone, each
 * builds its own; under verify they would build twice more beside the
 * graders, loading the machine while timing-sensitive runtime tests run. So
 * the graders stage builds once, before vitest, as a team's own copy would
 * (the URLs below, which site-polish checks), and hands the folder to both
 * through their *_DIST variables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, tail } from './run.ts';

/** The site and repository of a team hosting its own copy (src/site-meta.ts reads them). */
export const TEAM_SITE = 'https://team-copy.example.org';
export const TEAM_REPOSITORY = 'https://github.com/team-copy/guide';
export const TEAM_COPY_ENV = { SITE_URL: TEAM_SITE, REPOSITORY_URL: TEAM_REPOSITORY };

export interface RuntimeSite {
  /** Variables that point the runtime tests at the build; empty when the build failed (they then build their own and report). */
  env: Record<string, string>;
  /** Why the build failed, if it did. */
  problem?: string;
  ms: number;
  remove(): void;
}

export async function buildRuntimeSite(): Promise<RuntimeSite> {
  const out = mkdtempSync(join(tmpdir(), 'verify-runtime-site-'));
  const remove = () => rmSync(out, { recursive: true, force: true });
  const build = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], { env: TEAM_COPY_ENV });
  if (build.code !== 0) {
    remove();
    return { env: {}, problem: tail(build.output, 30), ms: build.ms, remove: () => {} };
  }
  return { env: { SITE_POLISH_DIST: out, CHECK_YOURSELF_DIST: out }, ms: build.ms, remove };
}
