/**
 * .workbook/state.json is the only record of a learner's week: it must
 * survive a cut-short write, a hand edit and a strange filesystem without
 * losing what can be kept, and say in one line what happened.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openState, recoverState, stateDir, stateFile, writeAtomically, type WorkbookState } from '../../src/workbook/state.ts';

let root: string;
let warnings: string[];
const warn = (line: string) => warnings.push(line);
const now = new Date('2026-03-04T10:00:00.000Z');
const solved: WorkbookState = {
  version: 2,
  firstRunAt: '2026-03-02T09:00:00.000Z',
  lastRunAt: '2026-03-03T17:00:00.000Z',
  exercises: { greet: { hintsShown: 1, attempts: 2, firstAttemptAt: '2026-03-02T09:00:00.000Z', firstSolvedAt: '2026-03-02T09:20:00.000Z', solvedAt: '2026-03-02T09:20:00.000Z' } },
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'workbook-state-'));
  warnings = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const writeStateText = (text: string) => {
  mkdirSync(stateDir(root), { recursive: true });
  writeFileSync(stateFile(root), text);
};
const asideCopies = () => readdirSync(stateDir(root)).filter((f) => f.startsWith('state.json.corrupt-'));

describe('reading and writing progress', () => {
  it('round-trips through the file and creates .workbook/ on a fresh clone', () => {
    const store = openState(root, warn, now);
    Object.assign(store.state, structuredClone(solved));
    expect(store.save()).toBe(true);
    expect(openState(root, warn).state).toEqual(solved);
    expect(warnings).toEqual([]);
  });

  it('starts empty, without a warning, when there is no file yet', () => {
    expect(openState(root, warn).state).toEqual({ version: 2, exercises: {} });
    expect(warnings).toEqual([]);
  });
});

describe('a damaged state file', () => {
  it('cut short: starts empty, keeps the original aside byte for byte, and says so in one line', () => {
    const text = JSON.stringify(solved, null, 2);
    const truncated = text.slice(0, text.length / 2);
    writeStateText(truncated);
    const { state } = openState(root, warn, now);
    expect(state.exercises).toEqual({});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/state\.json is not valid JSON .*kept as .*state\.json\.corrupt-2026-03-04T10-00-00-000Z/);
    expect(asideCopies()).toEqual(['state.json.corrupt-2026-03-04T10-00-00-000Z']);
    expect(readFileSync(join(stateDir(root), asideCopies()[0]!), 'utf8')).toBe(truncated);
  });

  it('copies it aside once: the next command reads the recovered file quietly', () => {
    writeStateText('{"exercises": {"greet": {"hintsShown": 1,');
    openState(root, warn, now);
    openState(root, warn, new Date('2026-03-04T11:00:00.000Z'));
    expect(asideCopies()).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('hand-edited with bad fields: keeps every field that validates and names the ones dropped', () => {
    const edited = structuredClone(solved) as unknown as { exercises: Record<string, Record<string, unknown>> };
    edited.exercises.greet!.attempts = 'lots';
    edited.exercises.router = { hintsShown: 2, attempts: -1, solvedAt: 'yesterday' };
    writeStateText(JSON.stringify(edited));
    const { state } = openState(root, warn, now);
    expect(state.exercises.greet).toEqual({ ...solved.exercises.greet, attempts: 0 });
    expect(state.exercises.router).toEqual({ hintsShown: 2, attempts: 0 });
    expect(state.firstRunAt).toBe(solved.firstRunAt);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('exercises.greet.attempts');
    expect(asideCopies()).toHaveLength(1);
    // The recovered progress is what is on disk now.
    expect(JSON.parse(readFileSync(stateFile(root), 'utf8')).exercises.greet.solvedAt).toBe(solved.exercises.greet!.solvedAt);
  });

  it('valid JSON that is not an object (a stray `null`, an array) is kept aside too', () => {
    writeStateText('[1, 2, 3]');
    expect(openState(root, warn, now).state.exercises).toEqual({});
    expect(warnings[0]).toContain('the whole file');
    expect(asideCopies()).toHaveLength(1);
  });
});

describe('an unusable location', () => {
  it('.workbook is a file: one line naming it and the fix; nothing thrown, nothing saved, the file untouched', () => {
    writeFileSync(join(root, '.workbook'), 'my notes');
    const store = openState(root, warn);
    expect(store.save()).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/\.workbook is a file, but progress is kept in a directory of that name: rename or remove/);
    expect(warnings[0]).not.toMatch(/EEXIST|ENOTDIR|\n/);
    expect(readFileSync(join(root, '.workbook'), 'utf8')).toBe('my notes');
  });

  it('state.json is a directory: one line naming it and the fix, not EISDIR', () => {
    mkdirSync(stateFile(root), { recursive: true });
    const store = openState(root, warn);
    expect(store.save()).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/state\.json is a directory, but progress is kept in a file of that name: move that directory away/);
    expect(warnings[0]).not.toMatch(/EISDIR|\n/);
  });
});

describe('writing', () => {
  it('an interrupted write leaves the previous file whole (temp file, then rename)', () => {
    const store = openState(root, warn);
    Object.assign(store.state, structuredClone(solved));
    store.save();
    const before = readFileSync(stateFile(root), 'utf8');
    // Something in the way of the temporary file makes the write fail before the rename.
    mkdirSync(`${stateFile(root)}.${process.pid}.tmp`);
    store.state.exercises.greet!.attempts = 99;
    expect(store.save()).toBe(false);
    expect(readFileSync(stateFile(root), 'utf8')).toBe(before);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not save progress to .*state\.json \(EISDIR\); the previous file is unchanged/);
  });

  it('replaces the target only once the new text is complete', () => {
    const file = join(root, 'f.json');
    writeFileSync(file, 'old');
    writeAtomically(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['f.json']);
  });
});

describe('files from before attempts were counted by content', () => {
  it('read as they are; the old solvedAt becomes the first solve', () => {
    const dropped: string[] = [];
    const state = recoverState(
      { firstRunAt: '2026-03-01T09:00:00.000Z', lastRunAt: '2026-03-01T10:00:00.000Z', exercises: { greet: { hintsShown: 1, attempts: 7, solvedAt: '2026-03-01T09:30:00.000Z' } } },
      dropped,
    );
    expect(dropped).toEqual([]);
    expect(state.exercises.greet).toEqual({ hintsShown: 1, attempts: 7, solvedAt: '2026-03-01T09:30:00.000Z', firstSolvedAt: '2026-03-01T09:30:00.000Z' });
  });
});
