import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { closest, editDistance } from '../../src/workbook/cli/edit-distance.ts';
import { pickOne, selectExercises, whyNothingMatches } from '../../src/workbook/cli/select.ts';

const names = (s: { exercises?: { name: string }[] }) => s.exercises?.map((e) => e.name);

describe('edit distance', () => {
  it('counts inserts, deletes, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('greet', 'greet')).toBe(0);
    expect(editDistance('gret', 'greet')).toBe(1);
    expect(editDistance('greets', 'greet')).toBe(1);
    expect(editDistance('grest', 'greet')).toBe(1);
    expect(editDistance('invocie-detail', 'invoice-detail')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('keeps only close candidates, nearest first', () => {
    expect(closest('invoce-detail', ['invoice-detail', 'invoice-page', 'greet'])).toEqual(['invoice-detail']);
    expect(closest('xyz', ['greet', 'router'])).toEqual([]);
  });
});

describe('selecting exercises from the command line', () => {
  it('grades every name given, once each, in manifest order', () => {
    expect(names(selectExercises(['router', 'greet']))).toEqual(['greet', 'router']);
    expect(names(selectExercises(['01', 'greet']))).toEqual(['greet', 'invoice-detail']);
    expect(selectExercises([]).exercises).toHaveLength(exercises.length);
  });

  it('explains a chapter without exercises and points to the nearest ones', () => {
    const { problem } = selectExercises(['08']);
    expect(problem).toBe(
      "Chapter 8 (Habits to unlearn) has no exercises: it is a reading chapter. Try chapter 7's inject-deps and composition-root or chapter 10's port-expense-list.",
    );
  });

  it('suggests the nearest names for a typo, and refuses to grade the rest of the list', () => {
    expect(selectExercises(['greet', 'invoce-detail']).problem).toBe('No chapter or exercise matches "invoce-detail". Did you mean invoice-detail?');
    expect(whyNothingMatches('routr')).toMatch(/Did you mean router\b/);
    expect(whyNothingMatches('42')).toBe('There is no chapter 42: chapters go from 1 to 14.');
  });

  it('lists the exercises by chapter when nothing is close', () => {
    const text = whyNothingMatches('qqqqqqqq');
    expect(text).toMatch(/^No chapter or exercise matches "qqqqqqqq"\. The exercises, by chapter:\n/);
    expect(text).toContain('  01  greet, invoice-detail');
    expect(text).not.toMatch(/^ {2}08/m);
  });
});

describe('picking one exercise (hint, solution, reset)', () => {
  it('matches as npm test does: any case, a one-exercise chapter, a unique part of a name', () => {
    expect(pickOne('GREET', 'hint').exercise?.name).toBe('greet');
    expect(pickOne('10', 'hint').exercise?.name).toBe('port-expense-list');
    expect(pickOne('dashb', 'hint').exercise?.name).toBe('dashboard');
  });

  it('asks which one when a query names several, with a command to copy', () => {
    expect(pickOne('01', 'solution').problem).toBe('"01" names 2 exercises: greet, invoice-detail. Pick one, e.g. npm run solution greet');
  });

  it('says what was probably meant, and how to call the command', () => {
    expect(pickOne('gret', 'reset').problem).toBe('No chapter or exercise matches "gret". Did you mean greet?\nUsage: npm run reset <exercise>');
    expect(pickOne(undefined, 'hint').problem).toMatch(/^Which exercise\? Usage: npm run hint <exercise>\n\n {2}01 {2}greet/);
  });
});
