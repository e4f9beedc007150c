import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { belongsTo, pristineStarter, solutionFiles } from '../../src/workbook/starters.ts';

describe('an exercise and its companion files', () => {
  it('claims <name>.ts and <name>.<anything>, never a longer name that shares a prefix', () => {
    expect(belongsTo('invoice', 'invoice.ts')).toBe(true);
    expect(belongsTo('invoice', 'invoice.sql')).toBe(true);
    expect(belongsTo('invoice', 'invoice.queries.ts')).toBe(true);
    expect(belongsTo('invoice', 'invoice-list.ts')).toBe(false);
    expect(belongsTo('invoice', 'invoices.ts')).toBe(false);
  });

  it('reads every starter file of an exercise from git history', () => {
    const greet = exercises.find((e) => e.name === 'greet')!;
    const files = pristineStarter(greet);
    expect(files?.map((f) => f.path)).toEqual(['exercises/01-shape-of-a-service/greet.ts']);
    expect(files?.[0]?.text).toContain('export');
  });

  it('lists the reference module first, then its companions in order', () => {
    const greet = exercises.find((e) => e.name === 'greet')!;
    const listing = ['greet.sql', 'greeting.ts', 'greet.ts', 'greet.queries.ts'];
    expect(solutionFiles(greet, () => listing)).toEqual([
      'solutions/01-shape-of-a-service/greet.ts',
      'solutions/01-shape-of-a-service/greet.queries.ts',
      'solutions/01-shape-of-a-service/greet.sql',
    ]);
  });
});
