/**
 * Chapter 8's TypeScript snippets, exercised: the service answers, the
 * Result carries every expected failure, the clever type leaks what the
 * plain one does not, and the bundle the page quotes is built, measured
 * and run from outside the repository.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Db } from '#lib/db';
import { createService } from '../../content/08-habits-to-unlearn/snippets/service.ts';
import { bundle, entries } from '../../content/08-habits-to-unlearn/snippets/bundle.ts';
import { boundary, markPaid, payHandler, problem, type PayError, type Result } from '../../content/08-habits-to-unlearn/snippets/pay.ts';
import { camelize, toJson, type Camelize, type InvoiceJson, type InvoiceRow } from '../../content/08-habits-to-unlearn/snippets/camelize.ts';
import { overdue } from '../../content/08-habits-to-unlearn/snippets/overdue.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { TIME_ZONES, UTC_OFFSET, type TimeZone } from '../../src/workbook/testing/time-zones.ts';
import { ALICE, BOB, BOBS_INVOICE, billing, INV_001, INV_002 } from '../fixtures/billing.ts';

const run = promisify(execFile);

// The shell session's replacement registers its own tests when imported.
import '../../content/08-habits-to-unlearn/snippets/overdue-tests.ts';

let engine: EngineHandle;
beforeAll(async () => {
  engine = await startEngine('pg-mem', billing);
}, 60_000);
beforeEach(async () => engine.reset());
afterAll(async () => engine.close());
const db = (): Db => engine.pool as unknown as Db;

/** Chapter 4's idea in one line: a token table instead of real auth. */
const userOf = async (req: Request) =>
  ({ 'Bearer alice-token': ALICE, 'Bearer bob-token': BOB } as Record<string, number>)[req.headers.get('Authorization') ?? ''] ?? null;
const alice = { Authorization: 'Bearer alice-token' };

describe('service.ts: a router, a validator and SQL, chosen separately', () => {
  it('lists only the caller’s invoices, ordered by number', async () => {
    const res = await read(await createService(db(), userOf).request('/api/invoices', { headers: alice }));
    expect(res.status).toBe(200);
    expect((res.json as { invoices: { number: string }[] }).invoices.map((i) => i.number)).toEqual(['INV-001', 'INV-002', 'INV-003']);
  });

  it('filters by status', async () => {
    const res = await read(await createService(db(), userOf).request('/api/invoices?status=sent', { headers: alice }));
    expect(res.json).toEqual({ invoices: [{ id: INV_002, number: 'INV-002', status: 'sent', total_cents: 8990 }] });
  });

  it('answers 401 in JSON where login_required would redirect to a login page', async () => {
    const res = await read(await createService(db(), userOf).request('/api/invoices'));
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: 'unauthenticated' });
  });

  it('answers 422 naming the parameter for an unknown status or an unknown parameter', async () => {
    const app = createService(db(), userOf);
    const bad = await read(await app.request('/api/invoices?status=bogus', { headers: alice }));
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.json as { issues: object }).issues)).toEqual(['status']);
    const unknown = await read(await app.request(`/api/invoices?owner=${BOB}`, { headers: alice }));
    expect(unknown.status).toBe(422);
  });

  it('takes the first of a repeated parameter, where Django’s QueryDict hands the form the last', async () => {
    const res = await read(await createService(db(), userOf).request('/api/invoices?status=draft&status=paid', { headers: alice }));
    expect(res.status).toBe(200);
    expect((res.json as { invoices: { number: string }[] }).invoices.map((i) => i.number)).toEqual(['INV-003']);
  });
});

describe('pay.ts: expected failures are values, unexpected ones are thrown', () => {
  it('marks an invoice paid, then reports already_paid', async () => {
    expect(await markPaid(db(), ALICE, INV_002)).toEqual({ ok: true, value: { id: INV_002, status: 'paid' } });
    expect(await markPaid(db(), ALICE, INV_002)).toEqual({ ok: false, error: 'already_paid' });
  });

  it('reports another owner’s invoice as not_found and leaves it unchanged', async () => {
    expect(await markPaid(db(), ALICE, BOBS_INVOICE)).toEqual({ ok: false, error: 'not_found' });
    const { rows } = await db().query('SELECT status FROM billing_invoice WHERE id = $1', [BOBS_INVOICE]);
    expect(rows).toEqual([{ status: 'sent' }]);
  });

  it('maps every PayError to its status in one place', async () => {
    expect((await read(problem('not_found'))).status).toBe(404);
    expect(await read(problem('already_paid'))).toMatchObject({ status: 409, json: { error: 'already_paid' } });
    // A new PayError without a status does not compile: the map `satisfies` the union.
    // @ts-expect-error -- already_paid is missing
    const partial = { not_found: 404 } satisfies Record<PayError, number>;
    expect(partial).toBeDefined();
  });

  it('the handler answers 200, 409 and 404 through the Result', async () => {
    const handler = payHandler(db());
    const post = () => request('POST', `/api/invoices/${INV_002}/pay`);
    expect((await handler(post(), { userId: ALICE, id: INV_002 })).status).toBe(200);
    expect((await handler(post(), { userId: ALICE, id: INV_002 })).status).toBe(409);
    expect((await handler(post(), { userId: ALICE, id: BOBS_INVOICE })).status).toBe(404);
  });

  it('a Result must be checked before its value is read', () => {
    const r = { ok: false, error: 'not_found' } as Result<number, PayError>;
    // @ts-expect-error -- value exists only when ok is true
    expect(r.value).toBeUndefined();
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    else expectTypeOf(r.error).toEqualTypeOf<PayError>();
  });

  it('the boundary turns a thrown database error into a 500 that says nothing about it', async () => {
    const log = vi.fn();
    const down: Db = { query: async () => { throw new Error('connect ECONNREFUSED 10.0.0.5:5432'); } };
    const res = await read(await boundary(payHandler(down), log)(request('POST', '/'), { userId: ALICE, id: INV_002 }));
    expect(res).toMatchObject({ status: 500, json: { error: 'internal' } });
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('camelize.ts: the clever type against the plain one', () => {
  const row: InvoiceRow = { id: 1, owner_id: 1, number: 'INV-001', total_cents: 15000, issued_on: new Date(2026, 0, 15) };

  it('the clever type computes camelCase keys', () => {
    expectTypeOf<Camelize<InvoiceRow>>().toEqualTypeOf<{
      id: number; ownerId: number; number: string; totalCents: number; issuedOn: string;
    }>();
  });

  it('…and ships owner_id to the client, because it copies every column', () => {
    expect(camelize(row)).toHaveProperty('ownerId', 1);
  });

  it('the plain version names each field: no owner id', () => {
    expect(Object.keys(toJson(row))).toEqual(['id', 'number', 'totalCents', 'issuedOn']);
    expectTypeOf(toJson).returns.toEqualTypeOf<InvoiceJson>();
  });

  /**
   * What both versions print for `issued_on = '2026-01-15'` parsed by
   * node-postgres' own `date` parser, in a Node process whose TZ is `zone`.
   * A process of its own: this file runs in a worker thread, which shares
   * its process's zone (src/workbook/testing/time-zones.ts).
   */
  async function inZone(zone: string) {
    const script = `
      import pg from 'pg';
      import { camelize, toJson } from ${JSON.stringify(pathToFileURL(resolve('content/08-habits-to-unlearn/snippets/camelize.ts')).href)};
      const issued_on = pg.types.getTypeParser(1082, 'text')('2026-01-15');
      const row = { id: 1, owner_id: 1, number: 'INV-001', total_cents: 15000, issued_on };
      const offset = -issued_on.getTimezoneOffset();
      console.log(JSON.stringify({ offset, plain: toJson(row).issuedOn, clever: camelize(row).issuedOn }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TZ: zone },
    });
    return JSON.parse(stdout) as { offset: number; plain: string; clever: string };
  }

  it.each(['UTC', ...TIME_ZONES])('in %s, the plain version prints the date as stored; the clever one a timestamp of that zone’s midnight', async (zone) => {
    const { offset, plain, clever } = await inZone(zone);
    // The child really ran in that zone (a typo in a zone name falls back to UTC silently).
    expect(offset).toBe(zone === 'UTC' ? 0 : UTC_OFFSET[zone as TimeZone]);
    expect(plain).toBe('2026-01-15');
    const expected = { UTC: '2026-01-15T00:00:00.000Z', 'Pacific/Kiritimati': '2026-01-14T10:00:00.000Z', 'Pacific/Pago_Pago': '2026-01-15T11:00:00.000Z' }[zone];
    expect(clever).toBe(expected);
    // The page quotes the first two.
    const page = await readFile('content/08-habits-to-unlearn/index.mdx', 'utf8');
    if (zone !== 'Pacific/Pago_Pago') expect(page).toContain(`\`${expected}\``);
  }, 30_000);
});

describe('overdue.ts: the shell session as a function', () => {
  it('agrees with the Django session on the seeded rows', () => {
    const rows = [
      { number: 'INV-002', status: 'sent', issuedOn: '2026-02-01' },
      { number: 'INV-003', status: 'draft', issuedOn: '2026-03-10' },
      { number: 'GLX-001', status: 'sent', issuedOn: '2026-02-20' },
    ];
    expect(overdue(rows, '2026-03-15')).toEqual(['INV-002']);
    expect(overdue(rows, '2026-03-22')).toEqual(['INV-002']);
    expect(overdue(rows, '2026-03-23')).toEqual(['INV-002', 'GLX-001']);
  });
});

describe('bundle.ts: one artifact, and the size the page quotes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ch08-bundle-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('builds one file, within the range the chapter states, that serves a request from outside the repository', async () => {
    const { outfile, bytes } = await bundle(entries.service, join(dir, 'service.mjs'));
    const page = await readFile('content/08-habits-to-unlearn/index.mdx', 'utf8');
    const quoted = /the bundle is between (\d+) and (\d+) KB/.exec(page);
    expect(quoted, 'the page states the range as "the bundle is between N and M KB"').not.toBeNull();
    const [low, high] = [Number(quoted![1]) * 1000, Number(quoted![2]) * 1000];
    expect(bytes).toBeGreaterThanOrEqual(low);
    expect(bytes).toBeLessThanOrEqual(high);

    // No node_modules next to the artifact: everything it needs is inside.
    const source = await readFile(outfile, 'utf8');
    expect(source).not.toMatch(/from\s*["'](hono|zod)/);
    const built = (await import(pathToFileURL(outfile).href)) as { createService: typeof createService };
    const res = await read(await built.createService(db(), userOf).request('/api/invoices?status=paid', { headers: alice }));
    expect(res.json).toEqual({ invoices: [{ id: INV_001, number: 'INV-001', status: 'paid', total_cents: 15000 }] });
  }, 30_000);

  it('the page quotes package.json’s engines exactly, and the bundle targets its lowest Node', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { engines: { node: string } };
    const page = await readFile('content/08-habits-to-unlearn/index.mdx', 'utf8');
    expect(page).toContain(`\`"node": "${pkg.engines.node}"\``);
    const lowestMajor = Math.min(...[...pkg.engines.node.matchAll(/(\d+)\.\d+\.\d+/g)].map((m) => Number(m[1])));
    expect(await readFile('content/08-habits-to-unlearn/snippets/bundle.ts', 'utf8')).toContain(`target: 'node${lowestMajor}'`);
    expect(page).toContain(`\`target: 'node${lowestMajor}'\``);
  });

  /** A port nothing listens on right now. */
  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    await new Promise((ok) => server.close(ok));
    return port;
  }

  /** Starts `node file` in `dir` (no node_modules there) with chapter 7's environment; resolves once it logs "listening" or exits. */
  async function start(file: string, env: Record<string, string>) {
    const child = spawn(process.execPath, [file], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    const listening = new Promise<void>((ok) => child.stdout.on('data', () => stdout.includes('"listening"') && ok()));
    const outcome = await Promise.race([listening.then(() => 'listening' as const), exited.then(() => 'exited' as const)]);
    return { child, outcome, exited, output: () => ({ stdout, stderr }) };
  }

  it('the production entry (pg, @hono/node-server, chapter 7’s main) bundles into one file that starts and serves', async () => {
    // server.ts is only ever run bundled: importing it would start a server.
    expect(entries.server).toBe(resolve('content/08-habits-to-unlearn/snippets/server.ts'));
    const { outfile } = await bundle(entries.server, join(dir, 'server.mjs'));
    const port = await freePort();
    // Nothing listens on the database port: pg connects lazily, on the first query.
    const env = { DATABASE_URL: `postgres://app@127.0.0.1:${await freePort()}/billing`, RECEIPTS_URL: 'https://receipts.example/', PORT: String(port) };
    const server = await start(outfile, env);
    try {
      expect(server.outcome, server.output().stderr).toBe('listening');
      expect(JSON.parse(server.output().stdout.trim().split('\n')[0]!)).toEqual({ level: 'info', message: 'listening', port });
      const url = `http://127.0.0.1:${port}/invoices/2/pay`;
      const anonymous = await fetch(url, { method: 'POST' });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ error: 'unauthorized' });
      // A token makes the bundled node-postgres open a connection: it runs, and is refused.
      const signedIn = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } });
      expect(signedIn.status).toBe(500);
      await signedIn.body?.cancel();
      await expect.poll(() => server.output().stderr).toContain('ECONNREFUSED');
    } finally {
      server.child.kill();
      await server.exited;
    }
  }, 30_000);

  it('without the createRequire banner, the same bundle dies at start: Dynamic require of "events"', async () => {
    const { build } = await import('esbuild');
    const outfile = join(dir, 'server-no-banner.mjs');
    await build({ entryPoints: [entries.server], outfile, bundle: true, platform: 'node', target: 'node24', format: 'esm', minify: true, logLevel: 'silent' });
    const env = { DATABASE_URL: 'postgres://app@127.0.0.1:1/billing', RECEIPTS_URL: 'https://receipts.example/', PORT: String(await freePort()) };
    const server = await start(outfile, env);
    if (server.outcome === 'listening') server.child.kill();
    expect(server.outcome).toBe('exited');
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toContain('Dynamic require of "events" is not supported');
  }, 30_000);

  it('imports zod as a namespace: `import { z }` would bundle more than three times as much', async () => {
    const { build } = await import('esbuild');
    const size = async (line: string) => {
      const out = await build({
        stdin: { contents: `${line}\nexport const s = z.object({ n: z.number() });`, resolveDir: 'content/08-habits-to-unlearn/snippets', loader: 'ts' },
        bundle: true, platform: 'node', format: 'esm', minify: true, write: false, logLevel: 'silent',
      });
      return out.outputFiles[0]!.contents.length;
    };
    const [named, namespace] = [await size("import { z } from 'zod';"), await size("import * as z from 'zod';")];
    expect(named / namespace).toBeGreaterThan(3);
    expect(await readFile('content/08-habits-to-unlearn/snippets/service.ts', 'utf8')).toContain("import * as z from 'zod';");
  }, 30_000);

  it('…which is esbuild’s limit: Rolldown (Vite’s bundler) shakes both forms to the same size', async () => {
    // Rolldown comes with Vite (the site's build); it takes files, not stdin.
    const { build } = await import('rolldown');
    const size = async (name: string, line: string) => {
      const input = join(dir, `${name}.ts`);
      await writeFile(input, `${line}\nexport const s = z.object({ n: z.number() });`);
      const out = await build({ input, cwd: process.cwd(), resolve: { modules: [resolve('node_modules')] }, platform: 'node', write: false, logLevel: 'silent', output: { format: 'esm', minify: true } });
      return out.output[0].code.length;
    };
    const named = await size('named', "import { z } from 'zod';");
    const namespace = await size('namespace', "import * as z from 'zod';");
    expect(namespace, 'zod is inside the bundle').toBeGreaterThan(20_000);
    expect(named / namespace).toBeLessThan(1.1);
  }, 30_000);
});
