/**
 * Every Run demo of the guide (content/<chapter>/snippets/<snippet>.demo.ts),
 * run in Node the way the page's worker runs it (exchange.ts, and for a
 * database demo pgliteDb() over PGlite seeded as the graders seed it): each
 * preset request, in the declared order, must get its declared status, a
 * JSON content type where a JSON body is declared, and a body containing
 * the declared shape. A demo that stops working fails here, so in verify.
 *
 * Demos marked localOnly (no Run control on the page) are run here too.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFiles, loadDemos, type DemoEntry } from '../../src/browser-runner/demos/catalog.ts';
import { exchange, isJson } from '../../src/browser-runner/demos/exchange.ts';
import { DEMO_FIXTURES } from '../../src/browser-runner/demos/fixtures.ts';
import { pgliteDb } from '../../src/browser-runner/demos/pglite-db.ts';
import type { Db } from '#lib/db';
import { BODY_METHODS, type DemoDatabase } from '../../src/browser-runner/demos/demo.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';

/**
 * Every demo file, by name: verify's layout check wants each TypeScript file
 * in content/ named by a snippet test, and a new demo should be a decision
 * this test knows about. The first test checks the list against the folder.
 */
const DEMO_FILES = [
  'content/01-shape-of-a-service/snippets/detail.demo',
  'content/01-shape-of-a-service/snippets/handler.demo',
  'content/01-shape-of-a-service/snippets/parse-id.demo',
  'content/02-routing/snippets/hono-app.demo',
  'content/02-routing/snippets/route-table.demo',
  'content/02-routing/snippets/shadowing.demo',
  'content/03-sql-first/snippets/billing.demo',
  'content/03-sql-first/snippets/transaction.demo',
  'content/03-sql-first/snippets/types.demo',
  'content/04-middleware/snippets/app.demo',
  'content/04-middleware/snippets/auth.demo',
  'content/04-middleware/snippets/errors.demo',
  'content/04-middleware/snippets/guard.demo',
  'content/04-middleware/snippets/request-id.demo',
  'content/04-middleware/snippets/timing.demo',
  'content/05-validation/snippets/handler.demo',
  'content/05-validation/snippets/schema.demo',
  'content/06-concurrency/snippets/blocking.demo',
  'content/06-concurrency/snippets/fan-out.demo',
  'content/07-dependency-injection/snippets/handlers.demo',
];

const entries: DemoEntry[] = await loadDemos();
const lites = new Map<DemoDatabase, PGlite>();

/** A database as seeded, for one demo: each demo starts from the graders' rows, as a page does. */
async function freshDb(name: DemoDatabase): Promise<Db> {
  const fixture = DEMO_FIXTURES[name];
  let lite = lites.get(name);
  if (!lite) {
    lite = await seededPglite(fixture);
    lites.set(name, lite);
  } else {
    await lite.exec(`TRUNCATE ${fixture.tables.join(', ')} RESTART IDENTITY CASCADE;${fixture.seed}`);
  }
  return pgliteDb(lite);
}

afterAll(async () => {
  for (const lite of lites.values()) await lite.close();
});

it('lists every demo file there is', () => {
  expect(demoFiles().map((f) => `content/${f.chapter}/snippets/${f.snippet}.demo`)).toEqual(DEMO_FILES);
});

it('finds demos in every chapter from 1 to 7', () => {
  const chapters = new Set(entries.map((e) => e.chapter.slice(0, 2)));
  expect([...chapters].sort()).toEqual(['01', '02', '03', '04', '05', '06', '07']);
});

describe.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
  const { demo } = entry;

  it('declares requests the panel can send', () => {
    expect(demo.requests.length).toBeGreaterThan(0);
    for (const r of demo.requests) {
      expect(r.path, r.label).toMatch(/^\//);
      // The panel has a body box only for POST, PUT and PATCH.
      if (r.body !== undefined) expect(BODY_METHODS, r.label).toContain(r.method);
    }
  });

  it('answers every preset, in order, as declared', { timeout: 60_000 }, async () => {
    const db = demo.database ? await freshDb(demo.database) : (undefined as unknown as Db);
    const handler = await demo.handler({ db });
    for (const preset of demo.requests) {
      const reply = await exchange(handler, { method: preset.method, path: preset.path, headers: Object.entries(preset.headers ?? {}), body: preset.body });
      const where = `${preset.label}: ${preset.method} ${preset.path} → ${reply.status} ${reply.body.slice(0, 300)}`;
      expect(reply.status, where).toBe(preset.expect.status);
      if (preset.expect.json !== undefined) {
        expect(isJson(reply), `${where}: content type`).toBe(true);
        expect(JSON.parse(reply.body), where).toMatchObject(preset.expect.json as object);
      }
    }
  });
});

beforeAll(() => {
  expect(entries.length).toBeGreaterThan(0);
});
