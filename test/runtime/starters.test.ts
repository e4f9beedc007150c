import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { buildStartersManifest, manifestText, staleStarters } from '../../src/workbook/starters-manifest.ts';
import { belongsTo, isUntouched, MANIFEST_PATH, pristineStarter, sha256, solutionFiles } from '../../src/workbook/starters.ts';

const greet = exercises.find((e) => e.name === 'greet')!;
const withSql = exercises.find((e) => (pristineStarter(e)?.length ?? 0) > 1)!;

// A project copy with no .git: the starters as a zip download would have them.
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'workbook-starters-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeStarters(list = exercises, eol: '\n' | '\r\n' = '\n') {
  for (const e of list) {
    for (const f of pristineStarter(e)!) {
      mkdirSync(join(root, dirname(f.path)), { recursive: true });
      writeFileSync(join(root, f.path), f.text.replace(/\n/g, eol));
    }
  }
}

describe('an exercise and its companion files', () => {
  it('claims <name>.ts and <name>.<anything>, never a longer name that shares a prefix', () => {
    expect(belongsTo('invoice', 'invoice.ts')).toBe(true);
    expect(belongsTo('invoice', 'invoice.sql')).toBe(true);
    expect(belongsTo('invoice', 'invoice.queries.ts')).toBe(true);
    expect(belongsTo('invoice', 'invoice-list.ts')).toBe(false);
    expect(belongsTo('invoice', 'invoices.ts')).toBe(false);
  });

  it('lists the reference module first, then its companions in order', () => {
    const listing = ['greet.sql', 'greeting.ts', 'greet.ts', 'greet.queries.ts'];
    expect(solutionFiles(greet, () => listing)).toEqual([
      'solutions/01-shape-of-a-service/greet.ts',
      'solutions/01-shape-of-a-service/greet.queries.ts',
      'solutions/01-shape-of-a-service/greet.sql',
    ]);
  });
});

describe('the committed starters', () => {
  it('knows every file of every exercise, LF line endings, each with the hash of its text', () => {
    expect(pristineStarter(greet)?.map((f) => f.path)).toEqual([paths.starter(greet)]);
    expect(pristineStarter(withSql)?.map((f) => f.path)).toContain(paths.starterSql(withSql));
    for (const e of exercises) {
      for (const f of pristineStarter(e)!) {
        expect(f.text).not.toContain('\r');
        expect(f.sha256).toBe(sha256(f.text));
      }
    }
  });
});

describe('untouched, without git', () => {
  it('an untouched starter is untouched in a directory that is no git repository', () => {
    writeStarters([greet, withSql]);
    expect(isUntouched(greet, root)).toBe(true);
    expect(isUntouched(withSql, root)).toBe(true);
  });

  it('a CRLF checkout (Git for Windows) of an untouched starter is untouched', () => {
    writeStarters([greet, withSql], '\r\n');
    expect(isUntouched(greet, root)).toBe(true);
    expect(isUntouched(withSql, root)).toBe(true);
  });

  it('any change to any of its files, a missing file or an added one is not untouched', () => {
    writeStarters([withSql]);
    writeFileSync(join(root, paths.starterSql(withSql)), '-- mine\n');
    expect(isUntouched(withSql, root)).toBe(false);

    writeStarters([greet]);
    writeFileSync(join(root, dirname(paths.starter(greet)), 'greet.helpers.ts'), 'export {};\n');
    expect(isUntouched(greet, root)).toBe(false);

    rmSync(join(root, dirname(paths.starter(greet))), { recursive: true });
    expect(isUntouched(greet, root)).toBe(false);
  });
});

describe('the staleness check (npm run verify -- layout)', () => {
  function project() {
    writeStarters();
    mkdirSync(join(root, dirname(MANIFEST_PATH)), { recursive: true });
    writeFileSync(join(root, MANIFEST_PATH), manifestText(buildStartersManifest(root)));
  }

  it('passes when the manifest was written from these starters', () => {
    project();
    expect(staleStarters(root)).toEqual([]);
  });

  it('names the exercise and file of a starter changed without regenerating', () => {
    project();
    writeFileSync(join(root, paths.starter(greet)), '// a new brief\n');
    expect(staleStarters(root)).toEqual([`exercise greet: ${paths.starter(greet)} changed since ${MANIFEST_PATH} was written`]);
  });

  it('names an added and a removed starter file', () => {
    project();
    writeFileSync(join(root, dirname(paths.starter(greet)), 'greet.sql'), 'select 1;\n');
    rmSync(join(root, paths.starterSql(withSql)));
    expect(staleStarters(root)).toEqual(
      expect.arrayContaining([
        `exercise greet: ${dirname(paths.starter(greet))}/greet.sql is not in ${MANIFEST_PATH}`,
        `exercise ${withSql.name}: ${paths.starterSql(withSql)} is in ${MANIFEST_PATH} but not in exercises/`,
      ]),
    );
  });

  it('does not mind CRLF starters (a Windows contributor)', () => {
    project();
    writeStarters([greet], '\r\n');
    expect(staleStarters(root)).toEqual([]);
  });
});
