/** The grading runner's small parts: heartbeat lines, log capping, crash blame, locks, unsupported paths. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blameForExit } from '../../src/workbook/grading/crash-cause.ts';
import { formatBeat, parseBeat, readBeats } from '../../src/workbook/grading/heartbeat.ts';
import { lockProperties, LockedByGraderError } from '../../src/workbook/grading/lock-graders.ts';
import { capLog } from '../../src/workbook/grading/log-cap.ts';
import { unsupportedRoot } from '../../src/workbook/grading/run-vitest.ts';

describe('heartbeat lines', () => {
  const beat = { count: 7, project: 'wrong:greet.trimmed', file: 'test/01-shape-of-a-service/greet.test.ts', heapMb: 31, heapLimitMb: 704 };

  it('read back what was written', () => {
    expect(parseBeat(formatBeat(beat))).toEqual(beat);
  });

  it('ignore a half-written line', () => {
    expect(parseBeat(formatBeat(beat).slice(0, -1))).toBeUndefined();
    expect(parseBeat('')).toBeUndefined();
  });

  it('are read per worker from the directory, leaving out files being written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beats-'));
    try {
      writeFileSync(join(dir, '10-1'), formatBeat(beat));
      writeFileSync(join(dir, '10-2.tmp'), formatBeat({ ...beat, count: 1 }));
      expect([...readBeats(dir)]).toEqual([['10-1', beat]]);
      expect(readBeats(join(dir, 'gone')).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('captured console output', () => {
  it('keeps writes in order and is absent when nothing was printed', () => {
    expect(capLog(['a\n', 'b\n'])).toBe('a\nb\n');
    expect(capLog([])).toBeUndefined();
  });

  it('is capped in bytes with a count of what was left out, never splitting a character', () => {
    const text = capLog(['x'.repeat(9), 'é'.repeat(10)], 10)!;
    expect(text).toBe(`${'x'.repeat(9)}\n… (20 more bytes)`);
  });
});

describe('blaming a vitest that stopped by itself', () => {
  const root = '/work/repo';
  const running = [
    { project: 'exercises', file: 'test/a.test.ts', lastBeat: { heapMb: 690, heapLimitMb: 704 } },
    { project: 'exercises', file: 'test/b.test.ts' },
  ];

  it('blames the file vitest names as running in the dead worker, and only it', () => {
    const output = 'Error: Worker exited unexpectedly with exit code 1 during started state while running test file /work/repo/test/b.test.ts\n at …';
    expect(blameForExit(output, running, root, 'exit code 1')).toEqual([
      { project: 'exercises', file: 'test/b.test.ts', reason: 'crash', detail: expect.stringContaining('Worker exited unexpectedly') },
    ]);
  });

  it('says out of memory when the output says so', () => {
    const output = 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory';
    expect(blameForExit(output, running.slice(0, 1), root, 'SIGABRT')).toEqual([
      { project: 'exercises', file: 'test/a.test.ts', reason: 'out-of-memory', detail: expect.stringContaining('690 MB of its 704 MB') },
    ]);
  });

  it('blames every running file when vitest names none', () => {
    expect(blameForExit('', running, root, 'SIGKILL').map((b) => [b.file, b.reason, b.detail])).toEqual([
      ['test/a.test.ts', 'crash', expect.stringContaining('vitest stopped (SIGKILL)')],
      ['test/b.test.ts', 'crash', 'vitest stopped (SIGKILL)'],
    ]);
  });
});

describe('locked grader properties', () => {
  it('keep their value and refuse a new one with an error that names them', () => {
    const proto = { assert() {}, flag: 1 };
    const original = proto.assert;
    lockProperties(proto, 'Thing.prototype');
    expect(proto.assert).toBe(original);
    expect(() => {
      proto.assert = () => {};
    }).toThrow(LockedByGraderError);
    expect(() => {
      proto.flag = 2;
    }).toThrow(/Thing\.prototype\.flag belongs to the grader/);
    expect(() => Object.defineProperty(proto, 'assert', { value: 1 })).toThrow(TypeError);
    expect(proto.assert).toBe(original);
  });

  it('still let an object that inherits a locked method override it, as it could before', () => {
    const proto = { describe: () => 'base' };
    lockProperties(proto, 'Base.prototype');
    const child = Object.create(proto) as { describe: () => string };
    child.describe = () => 'child';
    expect(child.describe()).toBe('child');
    expect(proto.describe()).toBe('base');
  });
});

describe('a project path with "#"', () => {
  it('is refused up front with the folder and a command to move it', () => {
    expect(unsupportedRoot('/home/ada/work/project')).toBeUndefined();
    const message = unsupportedRoot('/home/ada/C#/workbook')!;
    expect(message).toContain('"#"');
    expect(message).toContain(`mv '/home/ada/C#/workbook' '/home/ada/C-/workbook'`);
  });
});
