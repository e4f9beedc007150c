/**
 * Runs the project's own TypeScript compiler on one tsconfig and reads its
 * diagnostics.
 *
 * TypeScript 7 is a native binary with no in-process compiler API, so the
 * only stable interface is its command line: `--pretty false` prints one
 * diagnostic per line, `file(line,col): error TSnnnn: message`, with the
 * rest of a message chain on indented lines below it.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Diagnostic {
  /** Relative to the directory tsc ran in, with forward slashes; absent for a diagnostic about the whole program (a missing type library, a bad option). */
  file?: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

const located = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const unlocated = /^error (TS\d+): (.*)$/;

/** The diagnostics in tsc's `--pretty false` output, in the order tsc printed them. */
export function parseTscOutput(output: string, cwd: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const at = located.exec(line);
    if (at) {
      const [, file, row, col, code, message] = at as unknown as [string, string, string, string, string, string];
      found.push({ file: repoRelative(file, cwd), line: Number(row), column: Number(col), code, message });
      continue;
    }
    const whole = unlocated.exec(line);
    if (whole) {
      found.push({ line: 0, column: 0, code: whole[1]!, message: whole[2]! });
      continue;
    }
    // The rest of a message chain ("  Type 'string' is not assignable …") belongs to the diagnostic above it.
    const last = found.at(-1);
    if (last && /^\s+\S/.test(line)) last.message += `\n${line.trim()}`;
  }
  return found;
}

function repoRelative(file: string, cwd: string): string {
  return (isAbsolute(file) ? relative(cwd, file) : file).replaceAll('\\', '/');
}

const require = createRequire(import.meta.url);

let executable: Promise<string> | undefined;

/**
 * The native tsc binary that `npx tsc` would run. typescript's own
 * lib/getExePath.js knows which platform package holds it; calling it
 * directly saves starting a Node process that only hands over to the binary.
 */
export function tscExecutable(): Promise<string> {
  executable ??= (async () => {
    const typescript = require.resolve('typescript/package.json').replace(/package\.json$/, '');
    const module = (await import(pathToFileURL(`${typescript}lib/getExePath.js`).href)) as { default: () => string };
    return module.default();
  })();
  return executable;
}

export class TscFailed extends Error {}

/**
 * Runs `tsc -p <project> --pretty false` in `cwd`. Resolves with its
 * diagnostics (empty when the program type-checks); rejects with TscFailed
 * when tsc could not do its job (missing binary, crash, timeout).
 */
export async function runTsc(project: string, cwd: string, timeoutMs = 60_000): Promise<Diagnostic[]> {
  const exe = await tscExecutable().catch((error: unknown) => {
    throw new TscFailed(`cannot find the TypeScript compiler (run npm install): ${(error as Error).message}`);
  });
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['-p', project, '--pretty', 'false'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new TscFailed(`cannot start tsc (${exe}): ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // 0: no errors; 1 and 2: errors were reported (2 when output was still written). Anything else is tsc failing.
      if (code === 0 || code === 1 || code === 2) {
        const diagnostics = parseTscOutput(stdout, cwd);
        if (code === 0 || diagnostics.length > 0) return resolve(diagnostics);
      }
      const why = signal === 'SIGKILL' ? `was stopped after ${timeoutMs / 1000} s` : `exited with ${code ?? signal}`;
      reject(new TscFailed(`tsc ${why}: ${(stderr || stdout).trim().slice(-2_000)}`));
    });
  });
}
