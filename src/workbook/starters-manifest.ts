/**
 * Writes and checks pristine-starters.json, the committed copy of every
 * starter (see starters.ts for why it exists). Contributors regenerate it
 * after changing a starter; `npm run verify -- layout` fails while it is
 * stale, naming the exercise and this command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exercises, paths } from '../curriculum.ts';
import { belongsTo, MANIFEST_PATH, normalise, sha256, StartersManifest, type StarterFile } from './starters.ts';

export const REFRESH_COMMAND = 'npm run starters:manifest';

const COMMENT =
  `Generated from exercises/ by \`${REFRESH_COMMAND}\`; do not edit. The starters as shipped, LF line endings: ` +
  'npm test tells an untouched starter from an edited one, and npm run reset restores it, with no git history and on CRLF checkouts. ' +
  'npm run verify -- layout fails when this file is stale.';

/** The manifest for the starters in `root`'s exercises/ (they must be the pristine ones: run this on a contributor's tree). */
export function buildStartersManifest(root = process.cwd()): StartersManifest {
  const manifest: StartersManifest = { comment: COMMENT, exercises: {} };
  for (const e of exercises) {
    const dir = dirname(paths.starter(e));
    let names: string[] = [];
    try {
      names = readdirSync(join(root, dir)).filter((f) => belongsTo(e.name, f)).sort();
    } catch {
      // a chapter directory that does not exist yet: the layout check reports the missing starter
    }
    manifest.exercises[e.name] = names.map((f): StarterFile => {
      const text = normalise(readFileSync(join(root, dir, f), 'utf8'));
      return { path: `${dir}/${f}`, sha256: sha256(text), text };
    });
  }
  return manifest;
}

export const manifestText = (manifest: StartersManifest) => JSON.stringify(manifest, null, 2) + '\n';

/** Every difference between the committed manifest and the starters in exercises/, one line each. */
export function staleStarters(root = process.cwd()): string[] {
  let committed: StartersManifest;
  try {
    committed = StartersManifest.parse(JSON.parse(readFileSync(join(root, MANIFEST_PATH), 'utf8')));
  } catch (error) {
    return [`${MANIFEST_PATH} is missing or unreadable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`];
  }
  const fresh = buildStartersManifest(root);
  const problems: string[] = [];
  const names = new Set([...Object.keys(committed.exercises), ...Object.keys(fresh.exercises)]);
  for (const name of names) {
    const before = new Map((committed.exercises[name] ?? []).map((f) => [f.path, f]));
    const now = new Map((fresh.exercises[name] ?? []).map((f) => [f.path, f]));
    if (!(name in fresh.exercises)) problems.push(`exercise ${name}: in ${MANIFEST_PATH} but not in src/curriculum.ts`);
    for (const [path, f] of now) {
      const old = before.get(path);
      if (!old) problems.push(`exercise ${name}: ${path} is not in ${MANIFEST_PATH}`);
      else if (old.sha256 !== f.sha256 || old.text !== f.text) problems.push(`exercise ${name}: ${path} changed since ${MANIFEST_PATH} was written`);
    }
    for (const path of before.keys()) if (!now.has(path)) problems.push(`exercise ${name}: ${path} is in ${MANIFEST_PATH} but not in exercises/`);
  }
  if (committed.comment !== fresh.comment) problems.push(`${MANIFEST_PATH}: its header comment is out of date`);
  return problems;
}
