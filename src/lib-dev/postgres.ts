/**
 * A throwaway PostgreSQL server for one run (a bench, verify's Django
 * stage, the capstone recording): initdb into a temp dir, listening on a
 * unix socket in that dir (and on 127.0.0.1 when asked: the benches' clients
 * use TCP), stopped and deleted at the end, on an error and on Ctrl-C
 * (procs.ts). As root it runs as the `postgres` system user (Debian's
 * postgresql package creates it); Postgres refuses to run as root. The
 * cluster Debian's package may run on port 5432 is never touched.
 *
 * Throwaway settings, printed by the benches with their results:
 * fsync=off, synchronous_commit=off and full_page_writes=off (durability is
 * neither measured nor needed: the data dir is deleted afterwards), trust
 * authentication (only this machine can connect: the socket is in a 0700
 * dir, and TCP listens on loopback only).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installSignalHandlers, onCleanup, removeOnExit, start, waitFor, type Started } from './procs.ts';

export const PG_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
  shared_buffers: '128MB',
};

/** What to run when PostgreSQL's server binaries are missing. */
export const INSTALL_POSTGRES = 'sudo bash scripts/setup-system.sh';

export interface PostgresOptions {
  /** Also listen on 127.0.0.1 (the benches' servers and wrk use TCP). Default: the unix socket only. */
  tcp?: boolean;
  /** Prefix of the temp dir, so a leftover says who made it. */
  name?: string;
  /** Server settings over PG_SETTINGS. */
  settings?: Record<string, string>;
}

export interface LocalPostgres {
  /** 127.0.0.1 with `tcp`, else null. */
  host: '127.0.0.1' | null;
  port: number;
  /** The unix socket's directory: give it as the host (libpq, psycopg, Django's HOST). */
  socketDir: string;
  dataDir: string;
  user: 'postgres';
  /** `postgres --version`, e.g. "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
  version: string;
  /** The major version, e.g. "15". */
  major: string;
  /** postgres://postgres@127.0.0.1:port/<db> with `tcp`; over the socket otherwise. */
  url(database: string): string;
  /** Connection settings for Django (test/django/djcheck/settings.py reads them). */
  env: { DJTS_PGHOST: string; DJTS_PGPORT: string; DJTS_PGUSER: string };
  pid: number;
  stop(): Promise<void>;
}

/** Where to look for a server: Debian's versioned dirs, `pg_config --bindir`, then PATH (tests pass their own). */
export interface PostgresSearch {
  debianRoot?: string;
  pgConfig?: string | null;
  path?: string;
}

/** The newest Debian PostgreSQL bin dir (else pg_config's, else one on PATH), or one line saying how to install one. */
export function findPostgres(search: PostgresSearch = {}): { bin: string } | { missing: string } {
  const root = search.debianRoot ?? '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return { bin: join(root, versions[0]!, 'bin') };
  const pgConfig = search.pgConfig === undefined ? 'pg_config' : search.pgConfig;
  if (pgConfig) {
    try {
      const bin = execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (existsSync(join(bin, 'initdb'))) return { bin };
    } catch {
      // no pg_config either
    }
  }
  for (const dir of (search.path ?? process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return { bin: dir };
  }
  return { missing: `no PostgreSQL server (initdb) found: run \`${INSTALL_POSTGRES}\` (Debian package postgresql), or put a PostgreSQL server's bin dir on PATH` };
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`running as root, but there is no \`postgres\` user to run the server as: run \`${INSTALL_POSTGRES}\` (Debian's postgresql package creates it)`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster. Whatever happens after the temp dir exists, it is removed
 * again: on a failed start here, otherwise by `stop()` or, on an error or
 * Ctrl-C, by procs.ts's `stopAll()` (the caller installs its handlers, or
 * uses `withPostgres`).
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<LocalPostgres> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), `${options.name ?? 'djts-pg'}-`));
  const forgetOnExit = removeOnExit(dir);
  const removeDir = onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  let server: Started | undefined;
  const stop = async () => {
    if (server) {
      // SIGINT = fast shutdown: backends end, the postmaster exits cleanly.
      try {
        process.kill(server.pid, 'SIGINT');
      } catch {
        // gone
      }
      await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
      await server.stop();
    }
    rmSync(dir, { recursive: true, force: true });
    removeDir();
    forgetOnExit();
  };
  const removeStop = onCleanup('stop postgres', stop);
  const fail = async (error: unknown): Promise<never> => {
    removeStop();
    await stop();
    throw error;
  };

  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  let port = 0;
  try {
    mkdirSync(socketDir, { mode: 0o700 });
    if (user) {
      chownSync(dir, user.uid, user.gid);
      chownSync(socketDir, user.uid, user.gid);
    }
    const asPostgres = user ? { uid: user.uid, gid: user.gid } : {};
    const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
    execFileSync(
      join(found.bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
      { ...asPostgres, env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    port = await freePort();
    const settings = Object.entries({ ...PG_SETTINGS, ...options.settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    server = start(
      join(found.bin, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-c', `listen_addresses=${options.tcp ? '127.0.0.1' : ''}`, '-c', `unix_socket_directories=${socketDir}`, ...settings],
      { ...asPostgres, env, cwd: dir },
    );
  } catch (error) {
    return fail(error);
  }
  const version = execFileSync(join(found.bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  const major = /\(PostgreSQL\) (\d+)/.exec(version)?.[1] ?? version;
  const url = (database: string) =>
    options.tcp
      ? `postgres://postgres@127.0.0.1:${port}/${database}`
      : `postgres://postgres@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
  const pg = await import('pg');
  const running = server;
  try {
    // A postmaster that dies while starting (a bad setting, no shared memory) ends the wait at once.
    let ready = false;
    const died = running.exited.then((code) => {
      if (!ready) throw new Error(`postgres exited with code ${code} before accepting connections`);
    });
    const accepting = waitFor('PostgreSQL to accept connections', async () => {
      const client = new pg.default.Client({ host: socketDir, port, user: 'postgres', database: 'postgres' });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } finally {
        await client.end().catch(() => {});
      }
    });
    // Whichever loses the race must not end as an unhandled rejection.
    accepting.catch(() => {});
    died.catch(() => {});
    await Promise.race([accepting, died]);
    ready = true;
  } catch (error) {
    return fail(new Error(`${(error as Error).message}\n${running.output()}`));
  }
  return {
    host: options.tcp ? '127.0.0.1' : null,
    port,
    socketDir,
    dataDir,
    user: 'postgres',
    version,
    major,
    url,
    env: { DJTS_PGHOST: socketDir, DJTS_PGPORT: String(port), DJTS_PGUSER: 'postgres' },
    pid: running.pid,
    async stop() {
      removeStop();
      await stop();
    },
  };
}

/** CREATE DATABASE over the socket, as the cluster's superuser. */
export async function createDatabase(pg: LocalPostgres, name: string): Promise<void> {
  const { default: pgLib } = await import('pg');
  const admin = new pgLib.Client({ host: pg.socketDir, port: pg.port, user: pg.user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

export interface PostgresTimings {
  /** After the cluster accepts connections, with the milliseconds it took. */
  started?(ms: number, pg: LocalPostgres): void;
  /** After it stopped and its dir was removed (also when `use` threw). */
  stopped?(ms: number, pg: LocalPostgres): void;
}

/**
 * Runs `use` with a started cluster and always stops it: when `use` returns,
 * throws, or the process gets Ctrl-C/SIGTERM meanwhile (then it exits 130
 * after stopping). The signal handlers are only in place for the call.
 */
export async function withPostgres<T>(use: (pg: LocalPostgres) => Promise<T>, options: PostgresOptions = {}, timings: PostgresTimings = {}): Promise<T> {
  const removeHandlers = installSignalHandlers();
  try {
    const t0 = performance.now();
    const pg = await startPostgres(options);
    timings.started?.(performance.now() - t0, pg);
    try {
      return await use(pg);
    } finally {
      const t1 = performance.now();
      await pg.stop();
      timings.stopped?.(performance.now() - t1, pg);
    }
  } finally {
    removeHandlers();
  }
}
