/**
 * The project's Python: the virtualenv `.venv/` at the repository's top,
 * filled from the pinned lock file test/django/requirements.txt (Django 5.2
 * LTS, psycopg 3, DRF, Pydantic, FastAPI, time-machine, django-tasks,
 * gunicorn). verify's Django stage, the capstone recording and the benches
 * all run this interpreter, never the machine's python3 (Debian's carries
 * Django 3.2 as python3-django; a pyenv shim sees neither).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const LOCK_FILE = 'test/django/requirements.txt';
export const SETUP = 'sudo bash scripts/setup-system.sh';

/** .venv/bin/python, or .venv\Scripts\python.exe on Windows. */
export function venvPython(root = ROOT): string {
  return process.platform === 'win32' ? join(root, '.venv', 'Scripts', 'python.exe') : join(root, '.venv', 'bin', 'python');
}

export interface PythonSide {
  python: string;
  /** e.g. "5.2.19" */
  django: string;
  /** e.g. "3.11.2" */
  pythonVersion: string;
}

// Reads the lock's `name==version` pins and compares each with what is installed, so a venv made
// from an older lock (or by hand, without the lock) is named before a test fails on a version.
const PROBE = String.raw`
import importlib.metadata as md, json, platform, re, sys
pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", open(sys.argv[1], encoding="utf-8").read(), re.M)
def installed(name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return None
wrong = [f"{n} {installed(n) or 'missing'} (lock: {v})" for n, v in pins if installed(n) != v]
print(json.dumps({"python": platform.python_version(), "django": installed("django"), "pins": len(pins), "wrong": wrong}))
`;

/**
 * The venv's interpreter and versions, or one line saying what is missing and the command that
 * fixes it. `python` may be given to check another interpreter (the runtime tests do).
 */
export function projectPython(options: { root?: string; python?: string } = {}): PythonSide | { missing: string } {
  const root = options.root ?? ROOT;
  const python = options.python ?? venvPython(root);
  const lock = join(root, LOCK_FILE);
  if (!existsSync(python)) {
    return { missing: `no project virtualenv (${python} not found): run \`${SETUP}\` (or: python3 -m venv .venv && .venv/bin/pip install --require-hashes -r ${LOCK_FILE})` };
  }
  const probe = spawnSync(python, ['-c', PROBE, lock], { encoding: 'utf8', cwd: root });
  if (probe.status !== 0) {
    const why = (probe.error?.message ?? probe.stderr).trim().split('\n').at(-1) ?? 'no output';
    return { missing: `the project virtualenv's Python does not run (${python}: ${why}): run \`${SETUP}\`` };
  }
  const found = JSON.parse(probe.stdout) as { python: string; django: string | null; pins: number; wrong: string[] };
  if (found.pins === 0) return { missing: `${LOCK_FILE} pins nothing: it must list name==version lines` };
  if (found.wrong.length) {
    const shown = found.wrong.slice(0, 3).join(', ') + (found.wrong.length > 3 ? ` and ${found.wrong.length - 3} more` : '');
    return { missing: `the project virtualenv does not match ${LOCK_FILE} (${shown}): run \`${SETUP}\`` };
  }
  if (!found.django) return { missing: `Django is not in ${LOCK_FILE}, so nothing can run the snippets` };
  return { python, django: found.django, pythonVersion: found.python };
}
