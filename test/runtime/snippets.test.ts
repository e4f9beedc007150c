import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSnippet } from '../../src/snippets.ts';
import { longFences } from '../../src/verify/checks/mdx.ts';

describe('loadSnippet (code shown on the site)', () => {
  let root = '';
  const load = (ref: string) => loadSnippet(ref, join(root, 'content'));
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'snippets-'));
    mkdirSync(join(root, 'content/ch'), { recursive: true });
    writeFileSync(
      join(root, 'content/ch/a.ts'),
      ['import x from "y";', '// #region outer', 'function f() {', '  // #region inner', '  return 1;', '  // #endregion', '}', '// #endregion', ''].join('\n'),
    );
    writeFileSync(join(root, 'content/ch/q.sql'), ['-- name: One :one', '-- region body', 'SELECT 1;', '-- endregion', ''].join('\n'));
    writeFileSync(join(root, 'content/ch/v.py'), ['import os', '', 'class V:', '    # region method', '    def get(self):', '        return 1', '    # endregion', ''].join('\n'));
  });

  it('returns the whole file without region markers', () => {
    expect(load('ch/a.ts').code).toBe('import x from "y";\nfunction f() {\n  return 1;\n}');
  });

  it('extracts a region, including nested regions, without their markers', () => {
    expect(load('ch/a.ts#outer').code).toBe('function f() {\n  return 1;\n}');
  });

  it('dedents a nested region', () => {
    expect(load('ch/a.ts#inner').code).toBe('return 1;');
    expect(load('ch/v.py#method')).toEqual({ code: 'def get(self):\n    return 1', file: 'ch/v.py', lang: 'python' });
  });

  it('reads SQL regions marked with -- region / -- endregion', () => {
    expect(load('ch/q.sql#body')).toEqual({ code: 'SELECT 1;', file: 'ch/q.sql', lang: 'sql' });
    expect(load('ch/q.sql').code).toBe('-- name: One :one\nSELECT 1;');
  });

  it('fails loudly for a missing region or file', () => {
    expect(() => load('ch/a.ts#nope')).toThrow(/region "nope" not found/);
    expect(() => load('ch/missing.ts')).toThrow(/ENOENT/);
  });
});

describe('longFences (no pasted code in MDX)', () => {
  it('accepts fences of up to three lines and reports longer ones with their line', () => {
    const mdx = ['# T', '```sh', 'npm test', '```', '', '```ts', 'a', 'b', 'c', 'd', '```'].join('\n');
    expect(longFences(mdx)).toEqual([{ line: 6, length: 4 }]);
  });

  it('handles tilde fences and longer closing fences', () => {
    expect(longFences(['~~~', '1', '2', '3', '4', '5', '~~~~'].join('\n'))).toEqual([{ line: 1, length: 5 }]);
  });
});
