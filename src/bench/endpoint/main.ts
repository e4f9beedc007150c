/**
 * `npm run bench:endpoint` — the comparison chapter 10 cites.
 *
 * One endpoint (invoice detail: owner-scoped JOIN, JSON out), served by
 *   - Django under gunicorn: sync workers = cores, and gthread workers = cores × 4 threads
 *   - the TypeScript handler on Node: one process, and one per core (node:cluster)
 * against one PostgreSQL server started for the run (initdb in a temp dir,
 * loopback only), seeded with 10,000 invoices, loaded by wrk on 127.0.0.1,
 * warm-up then a timed run per server, servers alternating A B A B.
 *
 * Options: --duration 10  --warmup 3  --rounds 2  --connections 32  --threads 2
 *          --host 127.0.0.1 (anything that is not loopback is refused)
 *
 * Everything it starts it stops: servers and Postgres run in their own
 * process groups, killed on exit, error and Ctrl-C; the temp dir is removed;
 * a final check looks for anything left behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, machine, versionOf } from '../lib/machine.ts';
import { PG_SETTINGS, findPostgres, freePort, startPostgres, type LocalPostgres } from '../../lib-dev/postgres.ts';
import { installSignalHandlers, start, stopAll, waitFor, type Started } from '../../lib-dev/procs.ts';
import { projectPython, venvPython } from '../../lib-dev/python.ts';
import { leftovers, peakRss } from '../lib/procs.ts';
import { bytes, heading, median, ms, ratio, table } from '../lib/stats.ts';
import { INVOICES, USERS, schema, seed } from './seed.ts';

const root = resolve(import.meta.dirname, '../../..');
const here = import.meta.dirname;
// The project's virtualenv (test/django/requirements.txt): Django 5.2, psycopg 3, gunicorn.
const PYTHON = venvPython();
const began = Date.now();

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    threads: { type: 'string', default: '2' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const DURATION = Number(opts.duration);
const WARMUP = Number(opts.warmup);
const ROUNDS = Number(opts.rounds);
const CONNECTIONS = Number(opts.connections);
const WRK_THREADS = Number(opts.threads);
const HOST = opts.host!;
const CORES = cpus().length;
const GTHREADS = 4;

/** Loopback only: 127.0.0.0/8, ::1, localhost. Anything else is refused. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
if (!isLoopback(HOST)) {
  console.error(`bench:endpoint: refusing target host ${HOST}: only loopback (127.0.0.0/8, ::1, localhost) may be loaded.`);
  process.exit(2);
}
// localhost and ::1 are served on 127.0.0.1 (the servers bind IPv4).
const bindHost = HOST === 'localhost' || HOST.includes(':') ? '127.0.0.1' : HOST;

// ── what is installed ────────────────────────────────────────────────────
const SETUP = 'sudo bash scripts/setup-system.sh --bench';
const missing: string[] = [];
const pgFound = findPostgres();
if ('missing' in pgFound) missing.push(pgFound.missing);
const wrkVersion = versionOf('wrk', ['-v']);
if (!wrkVersion) missing.push(`wrk not installed: run \`${SETUP}\` (Debian package wrk)`);
const py = (code: string) => spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' });
const djangoSkip: string[] = [];
const pythonSide = projectPython();
if ('missing' in pythonSide) djangoSkip.push(pythonSide.missing);
const djangoVersion = py('import django; print(django.get_version())');
const gunicornVersion = py('import gunicorn; print(gunicorn.__version__)');
const psycopgVersion = py('import psycopg; print(psycopg.__version__)');
if (missing.length) {
  console.error(`bench:endpoint needs tools this machine lacks:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  process.exit(2);
}

// ── the servers ──────────────────────────────────────────────────────────
interface ServerSpec {
  id: string;
  label: string;
  side: 'django' | 'node';
  describe: string;
  start(port: number, pg: LocalPostgres): Started;
}

const djangoEnv = (pg: LocalPostgres) => ({
  ...process.env,
  BENCH_DB: 'postgres',
  BENCH_PG_HOST: '127.0.0.1',
  BENCH_PG_PORT: String(pg.port),
  BENCH_PG_NAME: 'bench',
  PYTHONDONTWRITEBYTECODE: '1',
});
const gunicorn = (port: number, pg: LocalPostgres, extra: string[]) =>
  start(
    PYTHON,
    ['-m', 'gunicorn', '--chdir', join(here, '../django'), '--bind', `${bindHost}:${port}`, '--workers', String(CORES), '--log-level', 'warning', ...extra, 'benchsite.wsgi:application'],
    { env: djangoEnv(pg), cwd: root },
  );
/**
 * The measured Node process runs plain JavaScript, as a deployment would:
 * the server and the handler have their types stripped once, into
 * node_modules/.cache/djts-bench/ (inside the repo, so `pg` resolves).
 * Loading .ts files at run time would add Node's TypeScript stripper to
 * every process's memory. Falls back to --experimental-strip-types on a
 * Node without module.stripTypeScriptTypes (before 22.13).
 */
const compiled = (() => {
  const strip = (nodeModule as { stripTypeScriptTypes?: (code: string) => string }).stripTypeScriptTypes;
  if (!strip) return null;
  const dir = join(root, 'node_modules/.cache/djts-bench');
  mkdirSync(dir, { recursive: true });
  const quiet = process.emitWarning;
  process.emitWarning = () => {}; // "stripTypeScriptTypes is experimental"
  try {
    // The server's two local imports: the handler, and the workbook's pool (bigint ids as numbers).
    const locals = [
      { from: '../../../solutions/01-shape-of-a-service/invoice-detail.ts', file: 'solutions/01-shape-of-a-service/invoice-detail.ts', to: 'invoice-detail.mjs' },
      { from: '../../lib/db.ts', file: 'src/lib/db.ts', to: 'db.mjs' },
    ];
    let server = strip(readFileSync(join(here, 'node-server.ts'), 'utf8'));
    for (const local of locals) {
      const quoted = `'${local.from}'`;
      if (!server.includes(quoted)) throw new Error(`node-server.ts no longer imports ${local.from}, which the bench expects`);
      server = server.replace(quoted, `'./${local.to}'`);
      writeFileSync(join(dir, local.to), strip(readFileSync(join(root, local.file), 'utf8')));
    }
    writeFileSync(join(dir, 'node-server.mjs'), server);
  } finally {
    process.emitWarning = quiet;
  }
  return join(dir, 'node-server.mjs');
})();
const nodeServer = (port: number, pg: LocalPostgres, workers: number) =>
  start(
    process.execPath,
    [
      ...(compiled ? [compiled] : ['--experimental-strip-types', '--no-warnings', join(here, 'node-server.ts')]),
      '--port', String(port), '--database', pg.url('bench'), '--workers', String(workers),
    ],
    { env: { ...process.env, NODE_ENV: 'production' }, cwd: root },
  );

const servers: ServerSpec[] = [
  {
    id: 'django-sync',
    label: `Django · gunicorn sync ×${CORES}`,
    side: 'django',
    describe: `gunicorn --workers ${CORES} (sync), CONN_MAX_AGE=60, DEBUG=False`,
    start: (port, pg) => gunicorn(port, pg, ['--worker-class', 'sync']),
  },
  {
    id: 'node-1',
    label: 'Node · 1 process',
    side: 'node',
    describe: 'node:http, one process, pg.Pool max 10',
    start: (port, pg) => nodeServer(port, pg, 1),
  },
  {
    id: 'django-gthread',
    label: `Django · gunicorn gthread ×${CORES}×${GTHREADS}`,
    side: 'django',
    describe: `gunicorn --workers ${CORES} --worker-class gthread --threads ${GTHREADS}, CONN_MAX_AGE=60, DEBUG=False`,
    start: (port, pg) => gunicorn(port, pg, ['--worker-class', 'gthread', '--threads', String(GTHREADS)]),
  },
  {
    id: 'node-cluster',
    label: `Node · cluster ×${CORES}`,
    side: 'node',
    describe: `node:cluster, ${CORES} workers, pg.Pool max 10 each`,
    start: (port, pg) => nodeServer(port, pg, CORES),
  },
];
const active = servers.filter((s) => s.side === 'node' || djangoSkip.length === 0);

// ── wrk ──────────────────────────────────────────────────────────────────
interface WrkResult {
  requests: number;
  duration_us: number;
  bytes: number;
  errors_connect: number;
  errors_read: number;
  errors_write: number;
  errors_timeout: number;
  non2xx3xx: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  max_us: number;
  mean_us: number;
}

async function wrk(port: number, seconds: number): Promise<WrkResult> {
  const url = `http://${bindHost}:${port}/invoices/1`;
  // Its own process group, registered: Ctrl-C or an error stops it at once.
  const run = start(
    'wrk',
    ['-t', String(WRK_THREADS), '-c', String(CONNECTIONS), '-d', `${seconds}s`, '--timeout', '5s', '-s', join(here, 'invoices.lua'), url, '--', String(INVOICES), String(USERS)],
    { cwd: root },
  );
  const code = await Promise.race([run.exited, new Promise<'late'>((r) => setTimeout(() => r('late'), (seconds + 30) * 1000))]);
  await run.stop();
  const out = run.output();
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}):\n${out}`);
  return JSON.parse(line.slice('WRK_JSON '.length));
}

async function httpGet(port: number, path: string, userId: number) {
  const res = await fetch(`http://${bindHost}:${port}${path}`, { headers: { 'X-User-Id': String(userId) } });
  return { status: res.status, json: await res.json() };
}

// ── the run ──────────────────────────────────────────────────────────────
interface Run {
  server: string;
  round: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
  peakRssBytes: number;
}

installSignalHandlers();
const info = machine();
const versions = {
  node: process.version,
  postgres: '',
  django: djangoVersion.stdout.trim() || null,
  gunicorn: gunicornVersion.stdout.trim() || null,
  psycopg: psycopgVersion.stdout.trim() || null,
  python: spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim() || null,
  wrk: wrkVersion!.split(' [')[0]!,
  pg: (await import('pg/package.json', { with: { type: 'json' } })).default.version,
};

console.log(heading('npm run bench:endpoint — invoice detail, Django vs TypeScript, same PostgreSQL'));
console.log(describeMachine(info));
console.log(
  `load: wrk ${WRK_THREADS} threads × ${CONNECTIONS} connections on ${bindHost}, ${WARMUP} s warm-up + ${DURATION} s measured per run, ${ROUNDS} rounds, order ${active.map((s) => s.id).join(' → ')}`,
);
for (const reason of djangoSkip) console.log(`skipping the Django servers: ${reason}`);
console.log('wrk, PostgreSQL and the servers share the same cores: this measures the servers relative to each other on this box.');

const runs: Run[] = [];
let failure: unknown;
try {
  const pg = await startPostgres({ tcp: true, name: 'djts-bench-pg' });
  versions.postgres = pg.version;
  console.log(`\n${pg.version} on 127.0.0.1:${pg.port} (temp data dir; bench-only settings: ${Object.entries(PG_SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')}; trust auth, loopback only)`);
  const { default: pgLib } = await import('pg');
  const admin = new pgLib.Client({ connectionString: pg.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const db = new pgLib.Client({ connectionString: pg.url('bench') });
  await db.connect();
  await db.query(schema);
  await db.query(seed);
  const counts = await db.query('SELECT (SELECT count(*) FROM auth_user)::int AS users, (SELECT count(*) FROM billing_invoice)::int AS invoices');
  await db.end();
  console.log(`seeded ${counts.rows[0].invoices} invoices for ${counts.rows[0].users} users (test/fixtures/billing.ts tables)`);

  // Both sides must answer the same thing before their speed means anything.
  const answers = new Map<string, string>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const spec of active) {
      const port = await freePort();
      const server = spec.start(port, pg);
      try {
        await waitFor(`${spec.label} to answer`, async () => {
          if (server.child.exitCode !== null) throw new Error(`${spec.label} exited:\n${server.output()}`);
          return (await httpGet(port, '/invoices/1', 1)).status === 200;
        }, 30_000);
        if (round === 1) {
          const sample = JSON.stringify(await Promise.all([
            httpGet(port, '/invoices/4242', ((4242 - 1) % USERS) + 1),
            httpGet(port, '/invoices/4242', 1),
            httpGet(port, '/invoices/abc', 1),
          ]));
          answers.set(spec.id, sample);
        }
        if (WARMUP > 0) await wrk(port, WARMUP);
        const r = await wrk(port, DURATION);
        const run: Run = {
          server: spec.id,
          round,
          rps: r.requests / (r.duration_us / 1e6),
          p50Ms: r.p50_us / 1000,
          p99Ms: r.p99_us / 1000,
          requests: r.requests,
          non2xx: r.non2xx3xx,
          socketErrors: r.errors_connect + r.errors_read + r.errors_write + r.errors_timeout,
          peakRssBytes: peakRss(server.pid),
        };
        runs.push(run);
        console.log(
          `  round ${round} · ${spec.label.padEnd(34)} ${Math.round(run.rps).toString().padStart(6)} req/s  p50 ${ms(run.p50Ms).padStart(7)}  p99 ${ms(run.p99Ms).padStart(7)}  non-2xx ${run.non2xx}  socket errors ${run.socketErrors}  peak RSS ${bytes(run.peakRssBytes)}`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const distinct = new Set(answers.values());
  if (distinct.size > 1) {
    console.log('\nWARNING: the servers answered differently for the same requests:');
    for (const [id, a] of answers) console.log(`  ${id}: ${a}`);
  } else {
    console.log('\nall servers gave the same parsed JSON and statuses for a 200, a 404 (another owner\'s invoice) and a 400');
  }
  await pg.stop();
} catch (error) {
  failure = error;
} finally {
  await stopAll();
}
if (failure) {
  console.error(`\nbench:endpoint failed: ${(failure as Error).stack ?? failure}`);
}

// ── the tables ───────────────────────────────────────────────────────────
interface Summary {
  server: string;
  label: string;
  describe: string;
  rps: number;
  rpsRuns: number[];
  p50Ms: number;
  p99Ms: number;
  peakRssBytes: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
}
const summaries: Summary[] = active
  .map((spec) => {
    const mine = runs.filter((r) => r.server === spec.id);
    return {
      server: spec.id,
      label: spec.label,
      describe: spec.describe,
      rps: median(mine.map((r) => r.rps)),
      rpsRuns: mine.map((r) => Math.round(r.rps)),
      p50Ms: median(mine.map((r) => r.p50Ms)),
      p99Ms: median(mine.map((r) => r.p99Ms)),
      peakRssBytes: Math.max(...mine.map((r) => r.peakRssBytes)),
      requests: mine.reduce((n, r) => n + r.requests, 0),
      non2xx: mine.reduce((n, r) => n + r.non2xx, 0),
      socketErrors: mine.reduce((n, r) => n + r.socketErrors, 0),
    };
  })
  .filter((s) => s.rpsRuns.length > 0);

const by = (id: string) => summaries.find((s) => s.server === id);
const bestOf = (side: 'django' | 'node') =>
  summaries.filter((s) => active.find((a) => a.id === s.server)!.side === side).sort((a, b) => b.rps - a.rps)[0];
const ratios: { label: string; value: number }[] = [];
const addRatio = (label: string, a?: Summary, b?: Summary, pick: (s: Summary) => number = (s) => s.rps) => {
  if (a && b) ratios.push({ label, value: pick(a) / pick(b) });
};
addRatio('throughput: Node 1 process ÷ Django sync', by('node-1'), by('django-sync'));
addRatio('throughput: Node cluster ÷ Django gthread', by('node-cluster'), by('django-gthread'));
addRatio('throughput: best Node ÷ best Django', bestOf('node'), bestOf('django'));
addRatio('p50 latency: best Django ÷ best Node', bestOf('django'), bestOf('node'), (s) => s.p50Ms);
addRatio('peak RSS: Django sync ÷ Node 1 process', by('django-sync'), by('node-1'), (s) => s.peakRssBytes);

if (summaries.length) {
  console.log(heading(`Results (median of ${ROUNDS} rounds; peak RSS = max over rounds of the summed VmHWM of the server's process tree)`));
  console.log(
    table([
      ['server', 'req/s', 'runs (req/s)', 'p50', 'p99', 'peak RSS', 'non-2xx', 'socket errors'],
      ...summaries.map((s) => [s.label, String(Math.round(s.rps)), s.rpsRuns.join(' / '), ms(s.p50Ms), ms(s.p99Ms), bytes(s.peakRssBytes), String(s.non2xx), String(s.socketErrors)]),
    ]),
  );
  console.log('');
  console.log(table([['ratio', 'value'], ...ratios.map((r) => [r.label, ratio(r.value, 1)])]));
  console.log('\nservers:');
  for (const s of summaries) console.log(`  ${s.label}: ${s.describe}`);
  console.log(
    '\nWhat this shows: one IO-bound endpoint (one indexed JOIN, small JSON) on this machine, with load generator, database and server sharing its cores.\n' +
      'What it does not show: CPU-heavy views, ORM-heavy pages, behaviour behind a reverse proxy, other machines. gunicorn sync workers close the\n' +
      'connection after each response (no keep-alive); gthread and Node keep it open. Authentication is a trusted X-User-Id header on both sides (bench-only).',
  );
}

const seconds = Math.round((Date.now() - began) / 1000);
const command = `npm run bench:endpoint${process.argv.slice(2).length ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
if (!failure && summaries.length) {
  const file = join(root, 'src/bench/results/endpoint.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify(
      {
        command,
        date: new Date().toISOString(),
        tookSeconds: seconds,
        machine: info,
        versions,
        load: { tool: 'wrk', threads: WRK_THREADS, connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION, rounds: ROUNDS, order: active.map((s) => s.id), host: bindHost },
        data: { invoices: INVOICES, users: USERS, schema: 'test/fixtures/billing.ts' },
        postgres: { settings: PG_SETTINGS, note: 'bench-only: fsync, synchronous_commit and full_page_writes off; trust auth; loopback only' },
        skipped: djangoSkip,
        servers: summaries,
        ratios,
        runs,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote src/bench/results/endpoint.json`);
}

// Nothing may outlive the bench.
const left = leftovers(['djts-bench-', 'benchsite.wsgi', 'node-server.', 'invoices.lua']).filter((l) => !l.startsWith(`${process.pid} `));
if (left.length) {
  console.error(`\nleft behind (killing now):\n${left.map((l) => `  ${l}`).join('\n')}`);
  for (const l of left) {
    try {
      process.kill(Number(l.split(' ')[0]), 'SIGKILL');
    } catch {
      // gone
    }
  }
} else {
  console.log('check: no postgres, gunicorn, node server or wrk process of this run is left running');
}
console.log(`bench:endpoint took ${seconds} s`);
process.exit(failure ? 1 : 0);
