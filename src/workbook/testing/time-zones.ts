/**
 * Date tests run under time zones far from UTC on both sides, as a server
 * in production may, with both clocks moved: Node's (`process.env.TZ`:
 * Date's local methods, node-postgres' parsing of `date` at local midnight)
 * and the Postgres session's `TimeZone` (`now()::date`, `to_char`,
 * timestamptz ↔ text). Answers that only work in UTC then fail:
 * `toISOString().slice(0, 10)` on a `date`, `z.coerce.date()`, a
 * local-calendar "today", `to_char` without `AT TIME ZONE`.
 *
 *   eachTimeZone('inject-deps', (zone) => {
 *     it('lists INV-002 from the day after it falls due', async () => { … });
 *   }, { db });
 *
 * Node can change a process's zone at run time only in a process of its
 * own: vitest's `threads` pool shares one zone between workers. So the
 * exercise must say `dates: true` in src/curriculum.ts, which puts its
 * grader in a `forks` pool (vitest-projects.ts); both are checked here, so
 * a grader can never silently run its date tests in the machine's zone.
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { exercises } from '../../curriculum.ts';
import type { PoolLike } from './engines.ts';

/**
 * UTC+14 and UTC−11, neither with daylight saving time (the same offsets
 * all year, so a test gives one answer in every season). Together they put
 * the local calendar day ahead of UTC's for 14 hours of each day and
 * behind it for 11: an instant read in the wrong zone lands on another day.
 */
export const TIME_ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

/** Minutes east of UTC. */
export const UTC_OFFSET: Record<TimeZone, number> = { 'Pacific/Kiritimati': 14 * 60, 'Pacific/Pago_Pago': -11 * 60 };

const label = (zone: TimeZone) => {
  const m = UTC_OFFSET[zone];
  return `${zone} (UTC${m < 0 ? '−' : '+'}${String(Math.abs(m) / 60).padStart(2, '0')}:00)`;
};

/** The zone Node's Date uses right now, as an offset in minutes east of UTC. */
export const nodeOffset = (at = new Date()): number => -at.getTimezoneOffset();

/**
 * Moves this process's clock to `zone` and checks that it moved. Throws,
 * naming the fix, where it cannot (a worker thread).
 */
export function enterTimeZone(zone: TimeZone): void {
  process.env.TZ = zone;
  const offset = nodeOffset();
  if (offset !== UTC_OFFSET[zone] || Intl.DateTimeFormat().resolvedOptions().timeZone !== zone) {
    throw new Error(
      `The time zone did not change to ${zone} (Date's offset is ${offset} minutes): this grader runs in a worker thread, ` +
        'which shares its process\'s zone. Mark the exercise with `dates: true` in src/curriculum.ts so it runs in a forked process.',
    );
  }
}

/** Puts TZ back as it was (unset when it was unset: assigning undefined would set the string "undefined"). */
export function restoreTimeZone(previous: string | undefined): void {
  if (previous === undefined) delete process.env.TZ;
  else process.env.TZ = previous;
}

/** The Postgres session's TimeZone; on PGlite every client shares its one session. */
export async function setSessionTimeZone(db: PoolLike, zone: string): Promise<void> {
  // SET takes no parameters; the zone comes from TIME_ZONES, never from a test input.
  if (!/^[A-Za-z_]+(\/[A-Za-z_]+)*$/.test(zone)) throw new Error(`not a time zone name: ${zone}`);
  await db.query(`SET TimeZone = '${zone}'`);
}

export interface TimeZoneOptions {
  /** The grader's database (useDatabase()): its session's TimeZone moves too, before every test. */
  db?: { readonly direct: PoolLike };
}

/**
 * Registers the tests `body` declares once per zone in TIME_ZONES, each
 * group titled with its zone ("Pacific/Kiritimati (UTC+14:00) > …"), with
 * Node's zone and the database session's moved before every test.
 */
export function eachTimeZone(exerciseName: string, body: (zone: TimeZone) => void, options: TimeZoneOptions = {}): void {
  const exercise = exercises.find((e) => e.name === exerciseName);
  if (!exercise) throw new Error(`eachTimeZone(): there is no exercise named "${exerciseName}"`);
  if (!exercise.dates) {
    throw new Error(`eachTimeZone(): exercise "${exerciseName}" must say \`dates: true\` in src/curriculum.ts, so its grader runs in a forked process`);
  }
  for (const zone of TIME_ZONES) {
    describe(label(zone), () => {
      const previous = process.env.TZ;
      beforeAll(() => enterTimeZone(zone));
      beforeEach(async () => {
        enterTimeZone(zone);
        if (options.db) await setSessionTimeZone(options.db.direct, zone);
      });
      afterAll(async () => {
        restoreTimeZone(previous);
        if (options.db) await setSessionTimeZone(options.db.direct, 'UTC').catch(() => {});
      });
      body(zone);
    });
  }
}
