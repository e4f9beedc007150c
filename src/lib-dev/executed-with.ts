/**
 * content/executed-with.json: the versions the guide's code was last
 * executed against, written from a passing run of verify's Django stage
 * (Django and Python from the project virtualenv, PostgreSQL from the
 * cluster it started, Node from the process running verify), never typed by
 * hand. Every chapter page shows it (src/components/ExecutedWith.astro).
 * verify fails when a run's versions differ from the committed file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXECUTED_WITH_FILE = 'content/executed-with.json';
/** Refreshes the file: runs the Django stage and writes the file only if it passes. */
export const REFRESH_EXECUTED_WITH = 'VERIFY_WRITE_VERSIONS=1 npm run verify -- django';

export interface ExecutedWith {
  /** Exact, e.g. "5.2.19": a patch release can change behaviour the guide shows. */
  django: string;
  /** Major.minor, e.g. "3.11". */
  python: string;
  /** Major, e.g. "15". */
  postgresql: string;
  /** Major.minor, e.g. "24.21". */
  node: string;
}

const KEYS = ['django', 'python', 'postgresql', 'node'] as const;
const LABELS: Record<(typeof KEYS)[number], string> = { django: 'Django', python: 'Python', postgresql: 'PostgreSQL', node: 'Node' };

/** The versions of this run, reduced to the precision the file keeps. */
export function executedWith(run: { django: string; pythonVersion: string; postgresMajor: string; nodeVersion?: string }): ExecutedWith {
  const majorMinor = (v: string) => v.replace(/^v/, '').split('.').slice(0, 2).join('.');
  return {
    django: run.django,
    python: majorMinor(run.pythonVersion),
    postgresql: run.postgresMajor,
    node: majorMinor(run.nodeVersion ?? process.version),
  };
}

export function formatExecutedWith(v: ExecutedWith): string {
  return KEYS.map((k) => `${LABELS[k]} ${v[k]}`).join(', ');
}

/**
 * Compares the run with the committed file: null when they agree, else one
 * line naming each difference and the command that refreshes the file.
 */
export function compareExecutedWith(run: ExecutedWith, root: string): string | null {
  const path = join(root, EXECUTED_WITH_FILE);
  if (!existsSync(path)) return `${EXECUTED_WITH_FILE} is missing: run \`${REFRESH_EXECUTED_WITH}\` (this run: ${formatExecutedWith(run)})`;
  let committed: Partial<ExecutedWith>;
  try {
    committed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ExecutedWith>;
  } catch (error) {
    return `${EXECUTED_WITH_FILE} is not JSON (${(error as Error).message}): run \`${REFRESH_EXECUTED_WITH}\``;
  }
  const differ = KEYS.filter((k) => committed[k] !== run[k]).map((k) => `${LABELS[k]} ${committed[k] ?? '(none)'} → ${run[k]}`);
  const extra = Object.keys(committed).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (differ.length === 0 && extra.length === 0) return null;
  const what = [...differ, ...extra.map((k) => `unknown key "${k}"`)].join(', ');
  return `${EXECUTED_WITH_FILE} does not match this run (${what}): run \`${REFRESH_EXECUTED_WITH}\``;
}

/**
 * True when the committed file and the run agree on Django, the version the
 * lock file pins, and differ only in what the machine brings (Python,
 * PostgreSQL, Node: a CI image that moves to Node 24.22 or a contributor on
 * Python 3.12). Such a run is as valid as the committed one.
 */
export function differsOnlyByMachine(run: ExecutedWith, root: string): boolean {
  try {
    const committed = JSON.parse(readFileSync(join(root, EXECUTED_WITH_FILE), 'utf8')) as Partial<ExecutedWith>;
    const keys = Object.keys(committed);
    return committed.django === run.django && keys.length === KEYS.length && keys.every((k) => (KEYS as readonly string[]).includes(k));
  } catch {
    return false;
  }
}

export function writeExecutedWith(run: ExecutedWith, root: string): void {
  const ordered = Object.fromEntries(KEYS.map((k) => [k, run[k]]));
  writeFileSync(join(root, EXECUTED_WITH_FILE), `${JSON.stringify(ordered, null, 2)}\n`);
}
