/**
 * What the numbers were measured on. Every bench prints this beside its
 * tables and stores it in its results file: figures from a 2-core box say
 * nothing universal, only how the contenders compare on that box.
 */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem, release, platform } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  /** 1, 5 and 15 minute load averages when the bench started. */
  loadAverageAtStart: [number, number, number];
  os: string;
  node: string;
}

export function machine(): Machine {
  const [one, five, fifteen] = loadavg().map((n) => Math.round(n * 100) / 100);
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round1(totalmem() / 2 ** 30),
    freeMemoryGiB: round1(freemem() / 2 ** 30),
    loadAverageAtStart: [one!, five!, fifteen!],
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

export function describeMachine(m: Machine): string {
  return [
    `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory (${m.freeMemoryGiB} GiB free), ${m.os}, Node ${m.node}`,
    `load average at start: ${m.loadAverageAtStart.join(' / ')} (1 / 5 / 15 min)` +
      (m.loadAverageAtStart[0] > m.cores / 2 ? '  ← the machine was busy: expect noisy numbers' : ''),
  ].join('\n');
}

/** `cmd args…` first line of output, or null when the tool is missing. */
export function versionOf(cmd: string, args: string[] = ['--version']): string | null {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return out.trim().split('\n')[0] ?? '';
  } catch (error: any) {
    // Some tools (wrk) print their version on stderr and exit non-zero.
    const text = `${error?.stdout ?? ''}${error?.stderr ?? ''}`.trim();
    return error?.code === 'ENOENT' || !text ? null : text.split('\n')[0]!;
  }
}

function round1(n: number) {
  return Math.round(n * 10) / 10;
}
