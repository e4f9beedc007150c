/**
 * The whole browser runner for the built site: buildGraders' files (worker,
 * grader entries, shared chunks, reference solutions) plus `index.json`
 * (contract.ts RunnerIndex), whose `version` is a hash of every file written,
 * so a page never mixes a cached index with new files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildGraderFiles } from './build-graders.ts';
import { RUNNER_INDEX, type RunnerIndex } from './contract.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

export async function buildRunner(outDir: string): Promise<RunnerIndex> {
  const { worker, exercises } = await buildGraderFiles(outDir);
  const hash = createHash('sha256');
  for (const file of filesUnder(outDir)) {
    if (relative(outDir, file) === RUNNER_INDEX) continue;
    hash.update(relative(outDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const index: RunnerIndex = { version: hash.digest('hex').slice(0, 16), worker, exercises };
  writeFileSync(join(outDir, RUNNER_INDEX), JSON.stringify(index, null, 2) + '\n');
  return index;
}
