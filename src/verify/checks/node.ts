/**
 * Node versions, proven on real binaries rather than assumed:
 *  - below the floor, every npm script stops at once with the one message
 *    from src/node-version.cjs (tried with an old Node found on this machine);
 *  - at the floor (the exact lowest version package.json's engines.node
 *    admits, fetched from the npm registry's `node` package), `npm test`
 *    really grades and the snippet tests that lean on Node features pass:
 *    chapter 2's global URLPattern (24.0) and chapter 6's worker, which Node
 *    loads from a .ts file by type stripping. Below 24.2 `npm test` printed
 *    nothing and exited 0 (`import.meta.main` is undefined there), which is why
 *    the run must show a graded row, not merely exit 0.
 * Both runs happen in a scratch copy of the project so they never touch the
 * learner's .workbook/ progress.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { exercises } from '../../curriculum.ts';
import { engineRange, minimumVersion, satisfies, USE_NODE_SCRIPT } from '../../node-version.cjs';
import type { Report } from '../report.ts';
import { run, seconds, tail } from '../run.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Where an old Node may live besides PATH: Debian's and the usual manual install. */
const WELL_KNOWN = ['/usr/bin/node', '/usr/local/bin/node'];
/** Not copied into the scratch project: installed, generated or the learner's own state. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.astro', '.workbook', '.screenshots']);
/** The snippet tests that fail on a Node without the features the guide relies on. */
const NODE_FEATURE_SNIPPETS = ['test/snippets/02-routing.test.ts', 'test/snippets/06-concurrency.test.ts'];

const withNodeFirst = (binDir: string) => ({ PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` });

async function versionOf(node: string): Promise<string | null> {
  const r = await run(node, ['-p', 'process.versions.node']);
  return r.code === 0 ? r.output.trim() : null;
}

/** The first Node binary on this machine that the project does not support, if any. */
async function findOldNode(range: string): Promise<{ path: string; version: string } | null> {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'node'));
  for (const path of [...new Set([...onPath, ...WELL_KNOWN])]) {
    if (!existsSync(path)) continue;
    const version = await versionOf(path);
    if (version && !satisfies(version, range)) return { path, version };
  }
  return null;
}

/** The registry's `node@<version>` in a cache folder (as scripts/use-node-24.sh does for node@24). */
async function registryNode(version: string): Promise<{ bin: string; ms: number } | { error: string }> {
  const prefix = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), `djts-node-${version}`);
  const bin = join(prefix, 'node_modules', 'node', 'bin');
  if ((await versionOf(join(bin, 'node'))) === version) return { bin, ms: 0 };
  const r = await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`]);
  const got = await versionOf(join(bin, 'node'));
  return got === version ? { bin, ms: r.ms } : { error: `npm install node@${version} into ${prefix} failed:\n${tail(r.output)}` };
}

/** A copy of the project (without node_modules, which is linked) whose .workbook/ is thrown away. */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'djts-node-check-'));
  cpSync(ROOT, dir, { recursive: true, filter: (src) => !NOT_COPIED.has(src.slice(ROOT.length + 1).split(/[\\/]/)[0] ?? '') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The exercises with a row in the grading table (a line naming one, with a test count such as "0/12"). */
function gradedRows(output: string): string[] {
  const rows = stripVTControlCharacters(output).split('\n').filter((line) => /\b\d+\/\d+\b/.test(line));
  return exercises.map((e) => e.name).filter((name) => rows.some((line) => new RegExp(`(^|\\s)${name}(\\s|$)`).test(line)));
}
/** greet and only greet was graded: the CLI got its argument through `npm test --`. */
const gradedGreet = (output: string) => gradedRows(output).join() === 'greet';

export async function checkNode(report: Report) {
  const range = engineRange();
  const floor = minimumVersion(range);
  const project = scratchProject();
  try {
    const old = await findOldNode(range);
    if (!old) {
      report.add('an unsupported Node is refused', true, `not tried: no Node outside ${range} on this machine (looked on PATH and at ${WELL_KNOWN.join(', ')}); test/runtime/node-version.test.ts covers the logic`);
    } else {
      const fix = (out: string) => out.includes(`Found Node.js ${old.version}`) && out.includes('nvm install 24') && out.includes(`source ${USE_NODE_SCRIPT}`);
      const gate = await run(old.path, ['src/node-version.cjs'], { cwd: project });
      report.add(`Node ${old.version} (${old.path}): the version gate exits non-zero with the fix`, gate.code !== 0 && fix(gate.output), gate.code !== 0 && fix(gate.output) ? undefined : `exit ${gate.code}:\n${tail(gate.output)}`);
      const test = await run('npm', ['test', '--', 'greet', '--strict'], { cwd: project, env: withNodeFirst(dirname(old.path)) });
      const refused = test.code !== 0 && fix(test.output) && gradedRows(test.output).length === 0;
      report.add(`Node ${old.version}: \`npm test -- greet --strict\` stops before grading, with the fix`, refused, refused ? seconds(test.ms) : `exit ${test.code}:\n${tail(test.output)}`);
    }

    const fetched = await registryNode(floor);
    if ('error' in fetched) {
      report.add(`Node ${floor} (the minimum in engines.node) from the npm registry`, false, fetched.error);
      return;
    }
    const env = withNodeFirst(fetched.bin);
    const greet = await run('npm', ['test', '--', 'greet'], { cwd: project, env });
    const graded = greet.code === 0 && gradedGreet(greet.output);
    const fetchNote = fetched.ms ? `fetched in ${seconds(fetched.ms)}, ` : 'cached, ';
    report.add(`Node ${floor}: \`npm test -- greet\` grades greet, and only greet`, graded, graded ? `${fetchNote}graded in ${seconds(greet.ms)}` : `exit ${greet.code}:\n${tail(greet.output)}`);
    const snippets = await run('npx', ['vitest', 'run', '--project', 'snippets', ...NODE_FEATURE_SNIPPETS], { cwd: project, env: { ...env, WORKBOOK_TARGET: 'verify' } });
    const passed = /Tests\s+(\d+) passed/.exec(stripVTControlCharacters(snippets.output))?.[1];
    const ok = snippets.code === 0 && Number(passed) > 0;
    report.add(`Node ${floor}: URLPattern and worker snippet tests pass (${passed ?? 0} tests)`, ok, ok ? seconds(snippets.ms) : tail(stripVTControlCharacters(snippets.output), 40));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
