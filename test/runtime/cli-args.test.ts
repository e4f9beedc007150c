import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/workbook/cli/args.ts';

const none = {};

describe('npm test arguments', () => {
  it('parses names, --db and --strict', () => {
    expect(parseArgs(['greet', '--db=pglite', '--strict'], none)).toEqual({ queries: ['greet'], db: 'pglite', strict: true, notes: [] });
    expect(parseArgs(['greet', 'router'], none).queries).toEqual(['greet', 'router']);
    expect(parseArgs([], none)).toEqual({ queries: [], strict: false, notes: [] });
  });

  it('rejects a bad engine or option in one line, never a ZodError', () => {
    expect(() => parseArgs(['--db=mysql'], none)).toThrow(new UsageError('--db must be pg-mem or pglite, not "mysql".'));
    expect(() => parseArgs(['--db'], none)).toThrow(UsageError);
    expect(() => parseArgs(['--fast'], none)).toThrow(/^Unknown option --fast\. Options: /);
  });

  it('rejects WORKBOOK_DB=postgres the same way, unless --db says which engine', () => {
    expect(() => parseArgs([], { WORKBOOK_DB: 'postgres' })).toThrow(new UsageError('WORKBOOK_DB must be pg-mem or pglite, not "postgres".'));
    expect(parseArgs([], { WORKBOOK_DB: 'pglite' }).db).toBe('pglite');
    expect(parseArgs(['--db=pg-mem'], { WORKBOOK_DB: 'postgres' }).db).toBe('pg-mem');
  });

  it('reads the options npm kept for itself (npm test --strict, --db=pglite without --) and says so', () => {
    const strict = parseArgs([], { npm_config_strict: 'true' });
    expect(strict.strict).toBe(true);
    expect(strict.notes).toEqual([expect.stringContaining('npm test -- --strict')]);
    const db = parseArgs(['greet'], { npm_config_db: 'pglite' });
    expect(db).toMatchObject({ queries: ['greet'], db: 'pglite', notes: [expect.stringContaining('npm test -- --db=pglite')] });
    expect(() => parseArgs([], { npm_config_db: 'mysql' })).toThrow(/--db must be pg-mem or pglite/);
  });

  it('says nothing when the option was also written after --, and ignores --no-strict', () => {
    expect(parseArgs(['--strict'], { npm_config_strict: 'true' }).notes).toEqual([]);
    expect(parseArgs([], { npm_config_strict: '' }).strict).toBe(false);
    expect(parseArgs([], { npm_config_strict: 'false' }).strict).toBe(false);
  });

  it('explains `npm test --db pglite` (a space): npm took the flag and left the value as a name', () => {
    expect(() => parseArgs(['pglite'], { npm_config_db: 'true' })).toThrow(/npm test -- --db=pglite/);
  });
});
