/**
 * A hint counts when a new level is revealed, once; `--all` shows again
 * what was revealed and reveals nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { hintFooter, hintView } from '../../src/workbook/hints.ts';
import { stateFile } from '../../src/workbook/state.ts';
import { runCli } from './run-cli.ts';

describe('which hints are shown and counted', () => {
  it('reveals the next level, and stays on the last once all are revealed', () => {
    expect(hintView(0, 3, false)).toEqual({ levels: [1], revealed: 1 });
    expect(hintView(2, 3, false)).toEqual({ levels: [3], revealed: 3 });
    expect(hintView(3, 3, false)).toEqual({ levels: [3], revealed: 3 });
  });

  it('--all shows the revealed levels again and reveals none', () => {
    expect(hintView(2, 3, true)).toEqual({ levels: [1, 2], revealed: 2 });
    expect(hintView(0, 3, true)).toEqual({ levels: [], revealed: 0 });
  });

  it('the footer offers the exact command, and --all only once there is more than one hint to re-read', () => {
    expect(hintFooter('greet', { levels: [1], revealed: 1 }, 3, false)).toBe('Run `npm run hint greet` again for hint 2 of 3.');
    expect(hintFooter('greet', { levels: [2], revealed: 2 }, 3, false)).toBe(
      'Run `npm run hint greet` again for hint 3 of 3, or `npm run hint -- greet --all` to see hints 1–2 again.',
    );
    expect(hintFooter('greet', { levels: [], revealed: 0 }, 3, true)).toContain('No hint revealed yet');
    expect(hintFooter('greet', { levels: [3], revealed: 3 }, 3, false)).toContain('That was the last hint.');
  });
});

describe('npm run hint', () => {
  const greet = exercises.find((e) => e.name === 'greet')!;
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'workbook-hint-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (args: string[], env: Record<string, string> = {}) => runCli('hint.ts', args, root, { npm_config_all: '', ...env });
  const shown = () => JSON.parse(readFileSync(stateFile(root), 'utf8')).exercises.greet.hintsShown;

  it('counts each new level once; --all (or npm’s own --all) re-shows without revealing or recording', () => {
    run(['GREET']);
    const second = run(['greet']);
    expect(second).toContain(`Hint 2 of 3: ${greet.hints[1]}`);
    expect(shown()).toBe(2);

    const all = run(['greet', '--all']);
    expect(all).toContain(`Hint 1 of 3: ${greet.hints[0]}`);
    expect(all).toContain(`Hint 2 of 3: ${greet.hints[1]}`);
    expect(all).not.toContain('Hint 3 of 3');
    // `npm run hint greet --all` without `--`: npm keeps the flag and passes npm_config_all.
    expect(run(['greet'], { npm_config_all: 'true' })).not.toContain('Hint 3 of 3');
    expect(shown()).toBe(2);
  });
});
