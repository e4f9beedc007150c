import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { nextUnsolved } from '../../src/workbook/cli/next-exercise.ts';

const named = (name: string) => exercises.find((e) => e.name === name)!;
const solved = (...names: string[]) => (name: string) => names.includes(name);

describe('the watch tour', () => {
  it('starts at the first exercise not solved, in the order of the week', () => {
    expect(nextUnsolved(exercises, solved())?.name).toBe('greet');
    expect(nextUnsolved(exercises, solved('greet', 'invoice-detail'))?.name).toBe('router');
    expect(nextUnsolved(exercises, solved('invoice-detail'))?.name).toBe('greet');
  });

  it('moves on after the exercise just solved, then back to any skipped before it', () => {
    expect(nextUnsolved(exercises, solved('greet', 'router'), named('router'))?.name).toBe('hono-urlconf');
    const allButInvoice = exercises.map((e) => e.name).filter((n) => n !== 'invoice-detail');
    expect(nextUnsolved(exercises, solved(...allButInvoice), named('port-expense-list'))?.name).toBe('invoice-detail');
  });

  it('ends when every exercise is solved', () => {
    expect(nextUnsolved(exercises, () => true, named('greet'))).toBeUndefined();
  });

  it('never returns the exercise it just left, even if its state was not recorded', () => {
    expect(nextUnsolved(exercises, solved(), named('greet'))?.name).toBe('invoice-detail');
  });
});
