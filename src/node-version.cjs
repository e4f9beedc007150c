/**
 * The Node version gate. Every npm script runs `node src/node-version.cjs &&`
 * first, so an unsupported Node stops the command at once with one message:
 * the version found, the versions supported, and how to get one. Without it an
 * old Node fails somewhere deep or, worse, does nothing: before Node 24.2
 * `import.meta.main` is undefined and a CLI written `if (import.meta.main)`
 * exits 0 having graded nothing.
 *
 * The supported range is package.json's `engines.node` (the one place it is
 * written; `.npmrc`'s engine-strict makes `npm install` enforce it too). Why it
 * is what it is: the code needs a global URLPattern (Node 24.0, chapter 2) and
 * `import.meta.main` (24.2); the dev dependencies need 24.15 (Stryker's
 * @inquirer/* packages, so `npm install` refuses anything older) and exclude
 * Node 25 (vitest 5 supports 24 and 26+).
 *
 * CommonJS, and no syntax newer than Node 8 (no `?.`, `??`, top-level await):
 * this file has to run on the very Node versions it turns away.
 */
'use strict';

const path = require('path');

const root = path.join(__dirname, '..');
const USE_NODE_SCRIPT = 'scripts/use-node-24.sh';

/** "v24.2.0" or "24.2.0" → [24, 2, 0]; null when it is not a plain version. */
function parseVersion(text) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(String(text).trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * The subset of npm's semver ranges that engines.node uses here: clauses
 * `>=X.Y.Z` or `^X.Y.Z` joined by `||`. Anything else throws, so a range
 * this gate cannot read is a loud error, never a silent pass.
 */
function parseRange(range) {
  return String(range).split('||').map(function (clause) {
    const m = /^\s*(>=|\^)\s*v?(\d+\.\d+\.\d+)\s*$/.exec(clause);
    if (!m) throw new Error('src/node-version.cjs cannot read the engines.node clause "' + clause.trim() + '" (use >=X.Y.Z or ^X.Y.Z, joined by ||)');
    return { op: m[1], min: parseVersion(m[2]) };
  });
}

function satisfies(version, range) {
  const v = parseVersion(version);
  if (!v) return false;
  return parseRange(range).some(function (c) {
    if (compare(v, c.min) < 0) return false;
    // ^24.2.0 means 24.2.0 up to, not including, 25.0.0.
    return c.op === '>=' || v[0] === c.min[0];
  });
}

/** The lowest version the range admits: what CI installs to prove the floor. */
function minimumVersion(range) {
  const mins = parseRange(range).map(function (c) { return c.min; }).sort(compare);
  return mins[0].join('.');
}

/** "^24.2.0 || >=26.0.0" → "24.2.0 or a later 24.x, or 26.0.0 or newer" */
function describe(range) {
  return parseRange(range).map(function (c) {
    const v = c.min.join('.');
    return c.op === '^' ? v + ' or a later ' + c.min[0] + '.x' : v + ' or newer';
  }).join(', or ');
}

/** The whole refusal, or null when `version` is supported. */
function problem(version, range, execPath) {
  if (satisfies(version, range)) return null;
  return [
    'This project needs Node.js ' + describe(range) + ' (package.json engines.node "' + range + '").',
    'Found Node.js ' + String(version).replace(/^v/, '') + ' at ' + execPath + '.',
    '',
    'Get Node 24 with whichever you have, then run the command again:',
    '  nvm install 24 && nvm use 24',
    '  fnm install 24 && fnm use 24',
    '  volta install node@24',
    '  source ' + USE_NODE_SCRIPT + '    # only npm needed: Node 24 from the npm registry, for this shell',
  ].join('\n');
}

function engineRange() {
  return require(path.join(root, 'package.json')).engines.node;
}

/**
 * Vite (under Astro and vitest alike) cannot load files from a path that
 * contains "#": it reads it as a URL fragment (vitejs/vite#6763). Every
 * command would die in a Vite stack, so the gate says it once, with the fix.
 * The grading runner (run-vitest.ts) reuses it for callers that skip npm.
 */
function pathProblem(dir) {
  if (dir.indexOf('#') === -1) return null;
  return [
    'This project is in a folder whose path contains "#": ' + dir,
    'Vite, which builds the guide and runs the graders, cannot load files from such a path. Move or rename the folder, for example:',
    "  mv '" + dir + "' '" + dir.split('#').join('-') + "'",
  ].join('\n');
}

module.exports = { parseVersion, parseRange, satisfies, minimumVersion, describe, problem, pathProblem, engineRange, USE_NODE_SCRIPT };

if (require.main === module) {
  const message = problem(process.versions.node, engineRange(), process.execPath) || pathProblem(root);
  if (message) {
    console.error(message);
    process.exit(1);
  }
}
