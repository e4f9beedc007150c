/** Which engine grades an exercise, and what a bad WORKBOOK_DB says. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { exercises } from '../../src/curriculum.ts';
import { engineFor } from '../../src/workbook/testing/database.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('engineFor', () => {
  const withDb = exercises.find((e) => e.engine === 'pg-mem')!;

  it("uses the manifest's engine unless WORKBOOK_DB forces one", () => {
    vi.stubEnv('WORKBOOK_DB', '');
    expect(engineFor(withDb.name)).toBe('pg-mem');
    vi.stubEnv('WORKBOOK_DB', 'pglite');
    expect(engineFor(withDb.name)).toBe('pglite');
  });

  it('rejects an unknown WORKBOOK_DB with one sentence naming the choices, not a ZodError', () => {
    vi.stubEnv('WORKBOOK_DB', 'postgres');
    let thrown: unknown;
    try {
      engineFor(withDb.name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).not.toBeInstanceOf(ZodError);
    expect((thrown as Error).message).toBe('WORKBOOK_DB must be pg-mem or pglite, not "postgres".');
  });

  it('names an exercise that declares no engine', () => {
    vi.stubEnv('WORKBOOK_DB', '');
    const without = exercises.find((e) => e.engine === null)!;
    expect(() => engineFor(without.name)).toThrow(`exercise ${without.name} declares no database engine in src/curriculum.ts`);
  });
});
