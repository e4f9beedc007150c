/**
 * scripts/use-node-24.sh, the fix the version gate offers to machines with
 * only npm. Nothing here downloads: an "old" node is this Node behind a
 * preload that rewrites process.versions.node, the cache is a temp folder
 * and, where an install is needed, `npm` is a stub that records its
 * arguments and drops this Node where the real package would put its binary.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SCRIPT = 'scripts/use-node-24.sh';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'djts-use-node-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function executable(path: string, text: string) {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** A folder holding a `node` that says it is 20.20.2. */
function oldNodeDir(): string {
  const preload = join(dir, 'pretend-node-20.cjs');
  writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); Object.defineProperty(process, 'version', { value: 'v20.20.2' });\n");
  executable(join(dir, 'old', 'node'), `#!/bin/sh\nexec "${process.execPath}" -r "${preload}" "$@"\n`);
  return join(dir, 'old');
}

/** Source the script in bash with `pathFirst` ahead of a PATH that has no other node, then report. */
function source(pathFirst: string[], extraEnv: Record<string, string> = {}, times = 1) {
  const body = [
    ...Array.from({ length: times }, () => `source ${SCRIPT}; echo "rc=$?"`),
    'echo "node=$(command -v node)"',
    'echo "path=$PATH"',
  ].join('\n');
  const r = spawnSync('bash', ['-c', body], {
    cwd: root,
    encoding: 'utf8',
    env: { HOME: dir, PATH: [...pathFirst, '/usr/bin', '/bin'].join(':'), DJTS_NODE_PREFIX: join(dir, 'cache'), ...extraEnv },
  });
  return { ...r, line: (key: string) => r.stdout.split('\n').find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1) };
}

const cachedBin = () => join(dir, 'cache', 'node_modules', 'node', 'bin');

describe('scripts/use-node-24.sh', () => {
  it('refuses to be run instead of sourced, since it could not change the shell', () => {
    const r = spawnSync('bash', [SCRIPT], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('source scripts/use-node-24.sh');
  });

  it('does nothing and says nothing when the current Node is supported', () => {
    const here = resolve(process.execPath, '..');
    const r = source([here]);
    expect(r.line('rc')).toBe('0');
    expect(r.stderr).toBe('');
    expect(r.line('node')).toBe(join(here, 'node'));
    expect(r.line('path')?.startsWith(here)).toBe(true);
  });

  it('puts a cached supported Node first on PATH, once, however often it is sourced', () => {
    mkdirSync(cachedBin(), { recursive: true });
    symlinkSync(process.execPath, join(cachedBin(), 'node'));
    const r = source([oldNodeDir()], {}, 2);
    expect(r.stdout.match(/rc=0/g)).toHaveLength(2);
    expect(r.line('node')).toBe(join(cachedBin(), 'node'));
    expect(r.line('path')?.split(':').filter((p) => p === cachedBin())).toHaveLength(1);
    // One line saying which Node is in use; no install.
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`use-node-24: using Node ${process.version} from ${cachedBin()}`)]);
  });

  it('installs the registry node@24 into the cache when there is none', () => {
    const log = join(dir, 'npm-args');
    // Stands in for npm: records its arguments, then puts a Node where `npm install node@24` would.
    executable(join(dir, 'stub', 'npm'), `#!/bin/sh\necho "$@" > "${log}"\nmkdir -p "${cachedBin()}"\nln -s "${process.execPath}" "${cachedBin()}/node"\n`);
    const r = source([oldNodeDir(), join(dir, 'stub')]);
    expect(r.line('rc')).toBe('0');
    expect(readFileSync(log, 'utf8')).toMatch(new RegExp(`^install --prefix ${join(dir, 'cache')} .*node@24\\n$`));
    expect(r.stderr).toContain('found Node v20.20.2; installing');
    expect(r.line('node')).toBe(join(cachedBin(), 'node'));
  });

  it('fails without touching PATH when the install fails', () => {
    executable(join(dir, 'stub', 'npm'), '#!/bin/sh\necho "npm error network" >&2\nexit 1\n');
    const r = source([oldNodeDir(), join(dir, 'stub')]);
    expect(r.line('rc')).toBe('1');
    expect(r.stderr).toContain('the install failed');
    expect(r.line('node')).toBe(join(dir, 'old', 'node'));
  });
});
