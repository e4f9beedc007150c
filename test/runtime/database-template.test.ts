/**
 * The PGlite template cache (src/workbook/testing/pglite-template.ts) when
 * two worker threads of one process, which share process.pid, build the
 * same template at the same time (two graders on one fixture).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/workbook/testing/engines.ts';
import { seededPglite, templateFile } from '../../src/workbook/testing/pglite-template.ts';

const template = new URL('../../src/workbook/testing/pglite-template.ts', import.meta.url).href;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-template-'));
  dirs.push(dir);
  return dir;
};

/** Runs `body` (an async function body; `lib` is pglite-template.ts, `data` the workerData) in `count` threads at once. */
function inThreads<T>(count: number, data: unknown, body: string): Promise<T[]> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.template).then(async (lib) => { const data = workerData.data; ${body} })
      .then((value) => parentPort.postMessage({ value }), (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }));`;
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const worker = new Worker(code, { eval: true, workerData: { template, data: { ...(data as object), index: i } } });
      return new Promise<T>((resolve, reject) => {
        worker.once('message', (m: { value?: T; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.value as T)));
        worker.once('error', reject);
      }).finally(() => worker.terminate());
    }),
  );
}

describe('PGlite template cache', () => {
  it('gives two threads of one process different files to write into', async () => {
    const names = await inThreads<{ pid: number; partial: string }>(2, { file: '/cache/x.tar.gz' }, 'return { pid: process.pid, partial: lib.partialFile(data.file) };');
    expect(names[0]!.pid).toBe(names[1]!.pid);
    expect(names[0]!.partial).not.toBe(names[1]!.partial);
  });

  it('leaves one whole template when threads write the same one at the same moment, again and again', async () => {
    const dir = scratch();
    const file = join(dir, 'race.tar.gz');
    // Each thread writes 8 MB of its own byte, 20 times, starting each round
    // together (Atomics on shared memory), so the writes overlap.
    const gate = new SharedArrayBuffer(8);
    await inThreads(
      2,
      { file, gate },
      `const flag = new Int32Array(data.gate);
       const dump = new Uint8Array(8 * 1024 * 1024).fill(65 + data.index);
       for (let round = 0; round < 20; round++) {
         Atomics.add(flag, 0, 1);
         while (Atomics.load(flag, 0) < 2 * (round + 1)) {}
         lib.writeTemplate(data.file, dump);
       }`,
    );
    const written = readFileSync(file);
    expect(written.length).toBe(8 * 1024 * 1024);
    expect(new Set(written).size).toBe(1); // all one writer's bytes, never a mix
    expect(readdirSync(dir)).toEqual(['race.tar.gz']); // no partial file left behind
  });

  it('builds the same template in two threads at once, and the result loads', async () => {
    const cacheDir = scratch();
    const fixture: Fixture = { schema: 'CREATE TABLE t (id serial PRIMARY KEY, name text);', seed: "INSERT INTO t (name) VALUES ('a'), ('b');", tables: ['t'] };
    const counts = await inThreads<number>(
      2,
      { fixture, cacheDir },
      `const db = await lib.seededPglite(data.fixture, { cacheDir: data.cacheDir });
       const { rows } = await db.query('SELECT count(*)::int AS n FROM t');
       await db.close();
       return rows[0].n;`,
    );
    expect(counts).toEqual([2, 2]);
    expect(readdirSync(cacheDir)).toEqual([templateFile(fixture, cacheDir).slice(cacheDir.length + 1)]);
    const loaded = await seededPglite(fixture, { cacheDir });
    try {
      expect((await loaded.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n).toBe(2);
    } finally {
      await loaded.close();
    }
  }, 60_000);
});
