import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const style = fileURLToPath(new URL('../../src/workbook/cli/style.ts', import.meta.url));

/** Runs a script that imports the CLI's style module, reads one chunk of its stdout, then closes the pipe (as `| head -1` does). */
function runAndCloseEarly(script: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(style)});\n${script}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

// Writes until the reader has gone, a little at a time, as a CLI printing a table does.
const keepPrinting = `process.exitCode = 3; for (let i = 0; i < 200; i++) { console.log('line ' + i + ' '.repeat(2000)); await new Promise((r) => setTimeout(r, 5)); }`;

describe('output piped to a reader that leaves early (npm test | head -3)', () => {
  it('ends quietly, with the exit code already decided, instead of an EPIPE stack', async () => {
    const { code, stderr } = await runAndCloseEarly(keepPrinting);
    expect(stderr).toBe('');
    expect(code).toBe(3);
  });

  it('without the handler the same script does print the stack (the test can fail)', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', keepPrinting], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toContain('EPIPE');
  });
});
