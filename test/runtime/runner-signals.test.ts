/**
 * vitest runs in its own process group so the CLI can stop it whole; it must
 * then never outlive the CLI: not when the terminal closes (SIGHUP), not when
 * the CLI is killed outright (SIGKILL, no handler runs).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { runVitest } from '../../src/workbook/grading/run-vitest.ts';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const runner = pathToFileURL(resolve(import.meta.dirname, '../../src/workbook/grading/run-vitest.ts')).href;

/** A stand-in for `npm run watch -- greet`: vitest in watch mode under runVitest; prints vitest's pid once graded. */
const watchScript = `
import { runVitest } from ${JSON.stringify(runner)};
let pid = 0;
await runVitest({
  target: 'exercises',
  files: ['test/01-shape-of-a-service/greet.test.ts'],
  watch: true,
  onStart: (p) => { pid = p; },
  onEvent: (event) => { if (event.type === 'run-end') console.log('graded ' + pid); },
});
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startWatch(): Promise<{ cli: ReturnType<typeof spawn>; vitest: number }> {
  const cli = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', watchScript], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vitest = await new Promise<number>((resolvePid, reject) => {
    let out = '';
    cli.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /graded (\d+)/.exec(out);
      if (match) resolvePid(Number(match[1]));
    });
    cli.on('exit', (code) => reject(new Error(`the watch script ended (${code}) before grading: ${out}`)));
  });
  return { cli, vitest };
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const end = Date.now() + withinMs; Date.now() < end; ) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

it('closing the terminal (SIGHUP to the CLI) stops vitest watch', async () => {
  const { cli, vitest } = await startWatch();
  expect(alive(vitest)).toBe(true);
  cli.kill('SIGHUP');
  expect(await gone(vitest, 5_000)).toBe(true);
}, 60_000);

it('a CLI killed outright (SIGKILL) still takes vitest watch with it', async () => {
  const { cli, vitest } = await startWatch();
  cli.kill('SIGKILL');
  const stopped = await gone(vitest, 5_000);
  if (!stopped) process.kill(-vitest, 'SIGKILL');
  expect(stopped).toBe(true);
}, 60_000);

it('vitest exits as soon as its run ends (the CLI waits for that exit to report)', async () => {
  let runEnd = 0;
  await runVitest({
    target: 'exercises',
    files: ['test/01-shape-of-a-service/greet.test.ts'],
    onEvent: (event) => {
      if (event.type === 'run-end') runEnd = Date.now();
    },
  });
  // Listening for the CLI's disconnect once kept vitest alive 10 s past the end (its teardown timeout).
  expect(Date.now() - runEnd).toBeLessThan(5_000);
}, 60_000);
