/**
 * The Node version gate (src/node-version.cjs): its range logic, its one
 * message, that every npm script runs it first, and that its non-zero exit
 * stops the script before the command itself runs. An old Node is simulated
 * by a preload that rewrites process.versions.node, so these run anywhere;
 * `npm run verify -- node` repeats the refusal with a real old binary.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describe as describeRange, engineRange, minimumVersion, parseRange, pathProblem, problem, satisfies, USE_NODE_SCRIPT } from '../../src/node-version.cjs';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const GATE = 'node src/node-version.cjs && ';

describe('which versions the range admits', () => {
  it('reads the range from package.json', () => {
    expect(engineRange()).toBe(pkg.engines.node);
  });

  it('^X.Y.Z stays within major X; >=X.Y.Z has no ceiling', () => {
    expect(satisfies('24.2.0', '^24.2.0')).toBe(true);
    expect(satisfies('v24.21.3', '^24.2.0')).toBe(true);
    expect(satisfies('24.1.9', '^24.2.0')).toBe(false);
    expect(satisfies('25.0.0', '^24.2.0')).toBe(false);
    expect(satisfies('26.0.0', '>=26.0.0')).toBe(true);
    expect(satisfies('30.1.0', '>=26.0.0')).toBe(true);
    expect(satisfies('25.99.99', '>=26.0.0')).toBe(false);
  });

  it('compares numerically, not as text', () => {
    expect(satisfies('24.10.0', '^24.9.0')).toBe(true);
    expect(satisfies('24.9.0', '^24.10.0')).toBe(false);
  });

  it('turns away what the project cannot run on, admits what it can', () => {
    const range = engineRange();
    // 20 and 22 lack a global URLPattern; 24.0 and 24.1 lack import.meta.main; the dev
    // dependencies refuse to install before 24.15 (Stryker's @inquirer/*); vitest 5 excludes 25.
    for (const old of ['14.21.3', '20.20.2', '22.23.3', '24.0.0', '24.1.0', '24.2.0', '24.14.1', '25.9.0']) expect(satisfies(old, range), old).toBe(false);
    for (const ok of ['24.15.0', '24.21.0', '26.0.0', '26.10.0']) expect(satisfies(ok, range), ok).toBe(true);
  });

  it('names the lowest admitted version, whatever the clause order', () => {
    expect(minimumVersion('^24.2.0 || >=26.0.0')).toBe('24.2.0');
    expect(minimumVersion('>=26.0.0 || ^24.2.0')).toBe('24.2.0');
    expect(minimumVersion(engineRange())).toBe('24.15.0');
  });

  it('refuses, loudly, a range it cannot read instead of letting everything pass', () => {
    expect(() => parseRange('>=24 <25')).toThrow(/cannot read the engines.node clause/);
    expect(() => satisfies('24.2.0', '~24.2.0')).toThrow(/cannot read/);
    expect(() => parseRange(pkg.engines.node)).not.toThrow();
  });

  it('is not fooled by a version it cannot parse', () => {
    expect(satisfies('24.2', '^24.2.0')).toBe(false);
    expect(satisfies('banana', '>=1.0.0')).toBe(false);
  });
});

describe('the message', () => {
  const range = '^24.2.0 || >=26.0.0';

  it('is nothing at all on a supported Node', () => {
    expect(problem('24.2.0', range, '/usr/bin/node')).toBeNull();
  });

  it('says what it found, what it needs and how to get it', () => {
    const message = problem('v20.20.2', range, '/usr/bin/node')!;
    expect(message).toContain('Found Node.js 20.20.2 at /usr/bin/node');
    expect(message).toContain('24.2.0 or a later 24.x, or 26.0.0 or newer');
    expect(message).toContain(range);
    for (const command of ['nvm install 24 && nvm use 24', 'fnm install 24 && fnm use 24', 'volta install node@24', `source ${USE_NODE_SCRIPT}`]) {
      expect(message).toContain(command);
    }
    expect(describeRange(range)).toBe('24.2.0 or a later 24.x, or 26.0.0 or newer');
  });

  it('offers a Node the project accepts, and a script that exists', () => {
    // Every fix command installs "24"; .nvmrc says the same.
    expect(satisfies('24.99.0', engineRange())).toBe(true);
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe('24');
    expect(existsSync(join(root, USE_NODE_SCRIPT))).toBe(true);
  });
});

describe('every command is gated', () => {
  it('each npm script runs the gate first', () => {
    const ungated = Object.entries(pkg.scripts).filter(([, command]) => !command.startsWith(GATE));
    expect(ungated.map(([name]) => name)).toEqual([]);
  });

  it('npm install refuses an unsupported Node before installing anything (.npmrc engine-strict)', () => {
    expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });
});

describe('run on an unsupported Node', () => {
  // A `node` first on PATH that reports 20.20.2 but is really this Node.
  const shims = mkdtempSync(join(tmpdir(), 'djts-old-node-'));
  afterAll(() => rmSync(shims, { recursive: true, force: true }));
  const preload = join(shims, 'pretend-node-20.cjs');
  writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
  const node = join(shims, 'node');
  writeFileSync(node, `#!/bin/sh\nexec "${process.execPath}" -r "${preload}" "$@"\n`);
  chmodSync(node, 0o755);
  const env = { ...process.env, PATH: `${shims}${delimiter}${process.env.PATH ?? ''}`, FORCE_COLOR: '0' };

  it('exits non-zero with the message on stderr', () => {
    const r = spawnSync(node, ['src/node-version.cjs'], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Found Node.js 20.20.2');
    expect(r.stdout).toBe('');
  });

  it('stops an npm script before its command runs, arguments and all', () => {
    // `typecheck` would otherwise print tsc output; the gate must end the && chain first.
    const r = spawnSync('npm', ['run', 'typecheck', '--', '--version'], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Found Node.js 20.20.2');
    expect(r.stdout + r.stderr).not.toMatch(/Version \d/);
  });

  it('stays silent and exits 0 on this (supported) Node', () => {
    const r = spawnSync(process.execPath, ['src/node-version.cjs'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });
});

describe('a "#" in the project path', () => {
  it('is refused with the folder and an mv that removes it, since Vite cannot load such paths', () => {
    expect(pathProblem('/home/ada/projects/django-to-typescript')).toBeNull();
    const message = pathProblem('/home/ada/C#/workbook')!;
    expect(message).toContain('/home/ada/C#/workbook');
    expect(message).toContain("mv '/home/ada/C#/workbook' '/home/ada/C-/workbook'");
  });

  it('stops the npm script before the command runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate#path-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ engines: pkg.engines }));
      const gate = join(dir, 'src', 'node-version.cjs');
      spawnSync('mkdir', ['-p', join(dir, 'src')]);
      writeFileSync(gate, readFileSync(join(root, 'src/node-version.cjs')));
      const ran = spawnSync(process.execPath, [gate], { encoding: 'utf8' });
      expect(ran.status).toBe(1);
      expect(ran.stderr).toContain('contains "#"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
