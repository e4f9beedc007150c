/**
 * Where the watch-mode PGlite databases live: a thread of the vitest
 * process that outlives the test workers (vitest ends them after every
 * run), started and supervised by pglite-host.ts.
 *
 * Each test file gets a fresh database, loaded from its fixture's template,
 * never one another file has used: whatever a grader or the learner's code
 * installed (a trigger, a table, a setting, an open transaction) is thrown
 * away with it. What the thread keeps between runs is the work around that:
 * the compiled WASM, its own warmed-up code, and one database started for
 * the fixture used last, ready before the next save.
 */
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { Fixture } from './engines.ts';
import type { FromHostThread, OpenRequest, SessionReply, SessionRequest, ToHostThread } from './pglite-host-messages.ts';
import { seededPglite, templateFile } from './pglite-template.ts';

/**
 * Databases started ahead of time, at most one per fixture, for the
 * fixtures used last. About 200 MB each: one covers a watch session on one
 * exercise; a file whose fixture has none starts one itself, as without
 * the host.
 */
const SPARES = 1;

interface Session {
  fixture: Fixture;
  key: string;
  /** Absent for a session over the socket (pglite-host-socket.ts). */
  threadId: number | undefined;
  lite: Promise<PGlite>;
  channel: BroadcastChannel;
}

const { channel: name, generation } = workerData as { channel: string; generation: number };
const tell = (m: FromHostThread) => parentPort!.postMessage(m);
const sessions = new Map<string, Session>();
/** Oldest first: the first one goes when there are too many. */
const spares = new Map<string, Promise<PGlite>>();
/** Fixtures closed since the thread was last idle, most recent last: they get the spares. */
const recent = new Map<string, Fixture>();

/** As in a test worker: TRUNCATE + reseed rather than BEGIN/ROLLBACK, since the code under test may COMMIT. */
const resetSql = (fixture: Fixture) => `TRUNCATE ${fixture.tables.join(', ')} RESTART IDENTITY CASCADE;` + fixture.seed;

function start(fixture: Fixture, warm: boolean): Promise<PGlite> {
  const lite = seededPglite(fixture).then(async (db) => {
    // A database just loaded has cold catalog caches: its first resets cost
    // several times the later ones. A spare pays that before anyone waits.
    if (warm) for (let i = 0; i < 3; i++) await db.exec(resetSql(fixture));
    return db;
  });
  lite.catch(() => {}); // a failed start is reported to the session that takes it
  return lite;
}

function discard(lite: Promise<PGlite>) {
  lite.then((db) => db.close()).catch(() => {});
}

/**
 * Start spares only when no test file is running, so they never compete
 * with a grader for the CPU: between runs, while the learner edits.
 */
function prepareSpares() {
  if (sessions.size > 0) return;
  for (const [key, fixture] of [...recent].reverse().slice(0, SPARES)) {
    if (!spares.has(key)) spares.set(key, start(fixture, true));
  }
  recent.clear();
  while (spares.size > SPARES) {
    const [oldest, lite] = spares.entries().next().value!;
    spares.delete(oldest);
    discard(lite);
  }
}

function end(id: string) {
  const session = sessions.get(id);
  if (!session) return;
  sessions.delete(id);
  session.channel.close();
  discard(session.lite);
  recent.delete(session.key);
  recent.set(session.key, session.fixture);
  prepareSpares();
}

async function answer(session: Session, request: SessionRequest): Promise<SessionReply> {
  try {
    const lite = await session.lite;
    if (request.op === 'wire') return { op: 'done', id: request.id, bytes: await lite.execProtocolRaw(request.bytes) };
    if (request.op === 'reset') await lite.exec(resetSql(session.fixture));
    return { op: 'done', id: request.id };
  } catch (error) {
    return { op: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
}

function open({ session: id, threadId, fixture }: OpenRequest) {
  const key = templateFile(fixture);
  const spare = spares.get(key);
  spares.delete(key);
  const channel = new BroadcastChannel(`${name}:${id}`);
  const session: Session = { fixture, key, threadId, lite: spare ?? start(fixture, false), channel };
  sessions.set(id, session);
  // Requests are answered one after another, in the order they were sent.
  let queue = Promise.resolve();
  channel.onmessage = (event) => {
    const request = event.data as SessionRequest;
    queue = queue.then(async () => {
      const reply = await answer(session, request);
      // Abandoned meanwhile (its worker or process is gone): the channel is closed.
      if (sessions.get(id) !== session) return;
      channel.postMessage(reply);
      if (request.op === 'close') end(id);
    });
  };
  session.lite.then(
    () => sessions.get(id) === session && channel.postMessage({ op: 'opened', generation } satisfies SessionReply),
    (error: Error) => {
      if (sessions.get(id) !== session) return;
      channel.postMessage({ op: 'failed', message: `PGlite did not start: ${error.message}` } satisfies SessionReply);
      end(id);
    },
  );
}

parentPort!.on('message', (m: ToHostThread) => {
  if (m.op === 'open') open(m);
  else if (m.op === 'stats') tell({ op: 'stats', inUse: sessions.size, spares: spares.size, replyTo: m.replyTo });
  // A test worker that ended without closing its session (vitest stopped
  // it, or it crashed) would otherwise keep its database for ever; so would
  // a process whose connection to the socket ended.
  else if (m.op === 'thread-exit') {
    for (const [id, session] of sessions) if (session.threadId === m.threadId) end(id);
  } else if (m.op === 'session-gone') end(m.session);
});
tell({ op: 'listening' });
