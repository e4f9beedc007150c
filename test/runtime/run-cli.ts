/** Runs one of the workbook's CLI scripts as `npm run …` does (through tsx), in a project copy of the test's choosing. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export function runCli(script: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const file = resolve(import.meta.dirname, '../../src/workbook/cli', script);
  return execFileSync(process.execPath, ['--import', tsx, file, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}
