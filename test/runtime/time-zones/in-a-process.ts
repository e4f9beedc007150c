/**
 * Run as a process of its own (as a vitest fork is) by time-zones.test.ts:
 * moves Node's zone and a PGlite session's to each of TIME_ZONES and prints
 * what Date, node-postgres and Postgres then say, as JSON.
 */
import { startEngine } from '../../../src/workbook/testing/engines.ts';
import { enterTimeZone, setSessionTimeZone, TIME_ZONES } from '../../../src/workbook/testing/time-zones.ts';
import { billing, INV_002 } from '../../fixtures/billing.ts';

const handle = await startEngine('pglite', billing);
const out: Record<string, unknown> = {};
for (const zone of TIME_ZONES) {
  enterTimeZone(zone);
  await setSessionTimeZone(handle.pool, zone);
  const { rows } = await handle.pool.query(
    `SELECT issued_on, current_setting('TimeZone') AS session,
            '2026-03-10T09:30:00Z'::timestamptz::text AS instant_text,
            to_char('2026-03-10T20:00:00Z'::timestamptz, 'YYYY-MM-DD') AS local_day
       FROM billing_invoice WHERE id = $1`,
    [INV_002],
  );
  const row = rows[0];
  out[zone] = {
    offset: -new Date().getTimezoneOffset(),
    intl: Intl.DateTimeFormat().resolvedOptions().timeZone,
    session: row.session,
    // node-postgres reads a `date` as local midnight: its local day is right, its UTC day may not be.
    dateLocalDay: row.issued_on.getDate(),
    dateIsoDay: row.issued_on.toISOString().slice(0, 10),
    instantText: row.instant_text,
    localDay: row.local_day,
  };
}
await handle.close();
console.log(JSON.stringify(out));
