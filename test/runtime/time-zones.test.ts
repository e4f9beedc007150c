import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exercise } from '../../src/curriculum.ts';
import { eachTimeZone, enterTimeZone, restoreTimeZone, TIME_ZONES } from '../../src/workbook/testing/time-zones.ts';
import { projectsFor } from '../../src/workbook/vitest-projects.ts';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('time zones in a process of its own (a vitest fork)', () => {
  it('moves Node’s zone and the Postgres session’s together, far from UTC both ways', () => {
    const script = resolve(import.meta.dirname, 'time-zones/in-a-process.ts');
    const { TZ: _unset, ...env } = process.env;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', tsx, script], { encoding: 'utf8', env }));
    expect(out).toEqual({
      'Pacific/Kiritimati': {
        offset: 840,
        intl: 'Pacific/Kiritimati',
        session: 'Pacific/Kiritimati',
        dateLocalDay: 1,
        // The trap the zones exist to spring: a `date` read as local midnight, printed in UTC, is the day before.
        dateIsoDay: '2026-01-31',
        instantText: '2026-03-10 23:30:00+14',
        localDay: '2026-03-11',
      },
      'Pacific/Pago_Pago': {
        offset: -660,
        intl: 'Pacific/Pago_Pago',
        session: 'Pacific/Pago_Pago',
        dateLocalDay: 1,
        dateIsoDay: '2026-02-01',
        instantText: '2026-03-09 22:30:00-11',
        localDay: '2026-03-10',
      },
    });
  }, 30_000);
});

describe('time zones in a worker thread', () => {
  const previous = process.env.TZ;
  afterEach(() => restoreTimeZone(previous));

  it('refuses to pretend: a thread cannot change its zone, and says how to fix it', () => {
    expect(() => enterTimeZone(TIME_ZONES[0])).toThrow(/Mark the exercise with `dates: true` in src\/curriculum.ts/);
  });

  it('eachTimeZone() refuses an exercise without dates: true, so verify cannot hide a missing flag', () => {
    expect(() => eachTimeZone('greet', () => {})).toThrow(/exercise "greet" must say `dates: true`/);
    expect(() => eachTimeZone('no-such-exercise', () => {})).toThrow(/no exercise named/);
  });
});

describe('vitest projects for exercises with dates', () => {
  const exercise = (name: string, dates?: boolean): Exercise =>
    ({ name, chapter: '09-x', title: name, goal: 'a goal long enough', minutes: 10, engine: 'pglite', hints: ['a', 'b'], ...(dates ? { dates } : {}) }) as Exercise;
  const list = [exercise('plain'), exercise('dated', true)];
  const names = (target: string) => projectsFor(target, list).map((p) => [p.test!.name, p.test!.pool, p.test!.include]);

  it('puts a dated grader in forks, every other in threads, each file in exactly one project', () => {
    for (const target of ['exercises', 'solutions']) {
      expect(names(target)).toEqual([
        [target, 'threads', ['test/09-x/plain.test.ts']],
        [`${target} (time zones)`, 'forks', ['test/09-x/dated.test.ts']],
      ]);
      const [threads, forks] = projectsFor(target, list);
      // Narrowing include to one grader (as src/mutants does) still runs it in one project only.
      expect(threads!.test!.exclude).toContain('test/09-x/dated.test.ts');
      expect(forks!.test!.exclude).toContain('test/09-x/plain.test.ts');
      expect(forks!.test!.execArgv).toEqual(['--max-old-space-size=512']);
      // Both load the PGlite host: a fork reaches it through its socket.
      expect(threads!.test!.globalSetup).toBeDefined();
      expect(forks!.test!.globalSetup).toEqual(threads!.test!.globalSetup);
    }
  });

  it('keeps one project when nothing has dates, and pins no TZ anywhere', () => {
    const only = projectsFor('exercises', [exercise('plain')]);
    expect(only.map((p) => [p.test!.name, p.test!.pool])).toEqual([['exercises', 'threads']]);
    for (const p of projectsFor('verify', list)) expect(p.test!.env?.TZ).toBeUndefined();
  });

  it('verify keeps its project names and forks those holding a dated grader', () => {
    const verify = projectsFor('verify', list).map((p) => [p.test!.name, p.test!.pool]);
    expect(verify).toEqual(expect.arrayContaining([['solutions', 'forks'], ['solutions@pglite', 'forks'], ['starters', 'forks']]));
  });
});
