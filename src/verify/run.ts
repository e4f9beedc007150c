/** Runs a command, capturing its output; never throws for a non-zero exit. */
import { spawn } from 'node:child_process';

export interface Ran {
  code: number;
  output: string;
  ms: number;
}

export function run(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 127, output: String(error), ms: Date.now() - started }));
    child.on('close', (code) => resolve({ code: code ?? 1, output, ms: Date.now() - started }));
  });
}

export const tail = (text: string, lines = 25) => text.trim().split('\n').slice(-lines).join('\n');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
