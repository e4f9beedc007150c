/**
 * A throwaway PostgreSQL server for one bench run: initdb into a temp dir,
 * listening on 127.0.0.1 and a unix socket in that dir only, stopped and
 * deleted at the end (or on Ctrl-C). As root it runs as the `postgres`
 * system user (Debian's postgresql package creates it); Postgres refuses
 * to run as root.
 *
 * Bench-only settings, printed with the results: fsync=off,
 * synchronous_commit=off and full_page_writes=off (durability is not being
 * measured; the bench only reads), trust authentication (nothing but
 * this machine can connect).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, removeOnExit, start, waitFor, type Started } from './procs.ts';

export const PG_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
  shared_buffers: '128MB',
};

export interface LocalPostgres {
  host: '127.0.0.1';
  port: number;
  socketDir: string;
  dataDir: string;
  user: 'postgres';
  version: string;
  /** postgres://postgres@127.0.0.1:port/<db> */
  url(database: string): string;
  pid: number;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL bin dir, or null (with the reason) when there is none. */
export function findPostgres(): { bin: string } | { missing: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return { bin: join(root, versions[0]!, 'bin') };
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(bin, 'initdb'))) return { bin };
  } catch {
    // no pg_config either
  }
  return { missing: 'PostgreSQL server not installed: run `sudo bash scripts/setup-system.sh --bench` (Debian package postgresql)' };
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run the server as (Debian\'s postgresql package creates it)');
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

export async function startPostgres(): Promise<LocalPostgres> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'djts-bench-pg-'));
  const forgetOnExit = removeOnExit(dir);
  const removeDir = onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  mkdirSync(socketDir);
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
  const port = await freePort();
  const settings = Object.entries(PG_SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const server: Started = start(
    join(found.bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, ...settings],
    { ...asPostgres, env, cwd: dir },
  );
  const version = execFileSync(join(found.bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  const pg = await import('pg');
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    // SIGINT = fast shutdown: backends end, the postmaster exits cleanly.
    try {
      process.kill(server.pid, 'SIGINT');
    } catch {
      // gone
    }
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    removeDir();
    forgetOnExit();
  };
  const removeStop = onCleanup('stop postgres', stop);
  try {
    await waitFor('PostgreSQL to accept connections', async () => {
      if (server.child.exitCode !== null) throw new Error(`postgres exited: ${server.output()}`);
      const client = new pg.default.Client({ connectionString: url('postgres') });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } finally {
        await client.end().catch(() => {});
      }
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return {
    host: '127.0.0.1',
    port,
    socketDir,
    dataDir,
    user: 'postgres',
    version,
    url,
    pid: server.pid,
    async stop() {
      removeStop();
      await stop();
    },
  };
}
