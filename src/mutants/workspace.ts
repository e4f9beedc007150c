/**
 * A private, throwaway copy of the repository for one Stryker run.
 *
 * Stryker mutates files in place (see stryker-options.ts), so it must never
 * do so in the real working tree: other people grade solutions/ while a
 * run lasts 10–20 minutes, and a run killed with SIGKILL cannot put the
 * originals back. In a copy under the system temp directory, the worst an
 * interrupted run leaves behind is a stale copy, which the next run
 * removes (each copy records the pid that owns it).
 *
 * The copy holds the working tree as it is (uncommitted edits included),
 * without .git, build output or any node_modules; the root node_modules is
 * symlinked in, so packages and the PGlite template cache are shared.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const PREFIX = 'djts-mutants-';
const OWNER_FILE = '.mutants-owner-pid';
// .venv: the Django side's virtualenv (thousands of files no grader reads; Stryker would try to parse its HTML templates).
const SKIPPED = new Set(['node_modules', '.git', '.venv', 'dist', '.astro', '.workbook', '.screenshots', '.stryker-tmp', 'reports']);

export interface Workspace {
  dir: string;
  remove(): void;
}

export function createWorkspace(root: string, parent = tmpdir()): Workspace {
  removeAbandonedWorkspaces(parent);
  const dir = mkdtempSync(join(parent, PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  cpSync(root, dir, { recursive: true, filter: (source) => !SKIPPED.has(basename(source)) });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies left by a run that was killed before it could clean up: their owner is gone. */
export function removeAbandonedWorkspaces(parent = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(parent, name);
    const ownerFile = join(dir, OWNER_FILE);
    // A copy without an owner yet may be one that another run is creating this very moment.
    if (!existsSync(ownerFile) && Date.now() - statSync(dir).mtimeMs < 60_000) continue;
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : NaN;
    if (Number.isInteger(owner) && isAlive(owner)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
