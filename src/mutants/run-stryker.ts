/**
 * Runs StrykerJS for one exercise inside a workspace (a private copy of
 * the repository) and returns its JSON result. Stryker runs as a child
 * process of its own, so a crash, or the memory PGlite takes, ends with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { paths, type Exercise } from '../curriculum.ts';
import type { StrykerResult } from './report.ts';
import { CHECKER_TSCONFIG, checkerTsconfig, JSON_REPORT, strykerOptions, type RunSettings } from './stryker-options.ts';

const require = createRequire(import.meta.url);
const corePackage = require.resolve('@stryker-mutator/core/package.json');
export const strykerVersion: string = JSON.parse(readFileSync(corePackage, 'utf8')).version;
const strykerBin = join(corePackage, '../bin/stryker.js');

export class StrykerFailed extends Error {}

/**
 * The running Stryker, in a process group of its own (detached) so that
 * one signal from here reaches it and its workers together: a Ctrl-C on
 * the terminal reaches only this process, which then stops the group once
 * (Stryker treats a second signal as "exit now" and skips its cleanup).
 */
let running: ChildProcess | undefined;
export function stopStryker() {
  const pid = running?.pid;
  if (pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), 10_000).unref();
}
// If this process ends for any other reason, Stryker must not go on alone.
process.on('exit', stopStryker);

export async function runStryker(exercise: Exercise, mutate: readonly string[], workspace: string, settings: RunSettings): Promise<StrykerResult> {
  writeFileSync(join(workspace, 'stryker.config.json'), JSON.stringify(strykerOptions(mutate, settings, exercise), null, 2));
  writeFileSync(join(workspace, CHECKER_TSCONFIG), JSON.stringify(checkerTsconfig(exercise), null, 2));
  const env: NodeJS.ProcessEnv = { ...process.env, MUTANTS_GRADER: paths.grader(exercise) };
  // Mutants are graded on the exercise's declared engine, as its report says.
  delete env.WORKBOOK_DB;
  const code = await new Promise<number>((resolve) => {
    running = spawn(process.execPath, [strykerBin, 'run', 'stryker.config.json'], { cwd: workspace, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    running.on('error', () => resolve(127));
    running.on('close', (status) => resolve(status ?? 1));
  });
  running = undefined;
  let text: string;
  try {
    text = readFileSync(join(workspace, JSON_REPORT), 'utf8');
  } catch {
    throw new StrykerFailed(`Stryker exited with ${code} and wrote no report for ${exercise.name} (its output is above).`);
  }
  if (code !== 0) throw new StrykerFailed(`Stryker exited with ${code} for ${exercise.name} (its output is above).`);
  return JSON.parse(text) as StrykerResult;
}
