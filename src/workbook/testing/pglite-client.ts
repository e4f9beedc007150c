/**
 * A test file's database on the PGlite host (pglite-host.ts): node-postgres
 * talks to it over a stream that carries the wire protocol to the database
 * thread, as it would over a socket to a server. The grader and the code
 * under test see the same pg.Pool as with a PGlite in the worker.
 */
import { randomUUID } from 'node:crypto';
import { Duplex } from 'node:stream';
import { BroadcastChannel, threadId } from 'node:worker_threads';
import type { EngineHandle, Fixture, PoolLike } from './engines.ts';
import type { HostAddress, HostRequest, HostStats, SessionReply, SessionRequest } from './pglite-host-messages.ts';

/**
 * A grader's statement takes milliseconds; one that has not returned after
 * this never will (PGlite cannot cancel it). The session is then over: the
 * host ends its thread, and the file's remaining tests fail at once instead
 * of each waiting for its own timeout.
 */
export const STATEMENT_LIMIT_MS = 10_000;
/** A cold start builds the template (initdb: seconds on a busy machine); silence past this means the host is gone. */
const OPEN_LIMIT_MS = 45_000;
/** A closing file does not wait for ever on a database that is stuck. */
const CLOSE_WAIT_MS = 2_000;

const toHost = (address: HostAddress, request: HostRequest) => {
  const port = new BroadcastChannel(address.channel);
  port.postMessage(request);
  port.close();
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

type Pending = { resolve: (bytes: Uint8Array | undefined) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

class Session {
  readonly #id = randomUUID();
  readonly #address: HostAddress;
  readonly #port: BroadcastChannel;
  readonly #pending = new Map<number, Pending>();
  readonly #statementLimitMs: number;
  #next = 0;
  /** Which host thread serves the session (it says so when it opens). */
  #generation = 0;
  /** Set once the session is over: every request fails with it. */
  #over: Error | undefined;
  readonly opened: Promise<void>;

  constructor(address: HostAddress, fixture: Fixture, statementLimitMs: number) {
    this.#address = address;
    this.#statementLimitMs = statementLimitMs;
    this.#port = new BroadcastChannel(`${address.channel}:${this.#id}`);
    // A session must not keep a test worker alive on its own.
    this.#port.unref();
    this.opened = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the PGlite host did not answer within ${OPEN_LIMIT_MS / 1000} s`)), OPEN_LIMIT_MS);
      this.#port.onmessage = (event) => {
        const reply = event.data as SessionReply;
        if (reply.op === 'opened') {
          clearTimeout(timer);
          this.#generation = reply.generation;
          resolve();
        } else if (reply.op === 'failed' && reply.id === undefined) {
          clearTimeout(timer);
          this.#end(new Error(reply.message));
          reject(this.#over);
        } else if (reply.id !== undefined) {
          const pending = this.#pending.get(reply.id);
          if (!pending) return;
          this.#pending.delete(reply.id);
          clearTimeout(pending.timer);
          if (reply.op === 'failed') pending.reject(new Error(reply.message));
          else pending.resolve(reply.bytes);
        }
      };
    });
    toHost(address, { op: 'open', session: this.#id, threadId, fixture });
  }

  #end(reason: Error) {
    this.#over ??= reason;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(this.#over);
    }
    this.#pending.clear();
  }

  request(op: SessionRequest['op'], bytes?: Uint8Array): Promise<Uint8Array | undefined> {
    if (this.#over) return Promise.reject(this.#over);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#end(new Error(`the database did not answer within ${this.#statementLimitMs / 1000} s: a query that never ends? PGlite was restarted`));
        toHost(this.#address, { op: 'stuck', session: this.#id, generation: this.#generation });
      }, this.#statementLimitMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#port.postMessage((op === 'wire' ? { op, id, bytes: bytes! } : { op, id }) satisfies SessionRequest);
    });
  }

  async close() {
    if (!this.#over) await Promise.race([this.request('close').catch(() => undefined), wait(CLOSE_WAIT_MS)]);
    this.#end(new Error('the database is closed'));
    this.#port.close();
  }
}

/** What node-postgres needs of a socket: it writes protocol messages and reads the replies. */
class HostSocket extends Duplex {
  readonly session: Session;
  constructor(session: Session) {
    super();
    this.session = session;
  }
  connect() {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  override _read() {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.session.request('wire', new Uint8Array(chunk)).then((reply) => {
      if (reply?.length) this.push(Buffer.from(reply.buffer, reply.byteOffset, reply.length));
      done();
    }, done);
  }
  // node-postgres corks the stream around a parameterised query's messages
  // (parse, bind, describe, execute, sync): one round trip carries them all.
  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void) {
    this._write(Buffer.concat(chunks.map((c) => c.chunk)), 'binary', done);
  }
  override _final(done: () => void) {
    this.push(null);
    done();
  }
}

export async function startHostedPglite(address: HostAddress, fixture: Fixture, statementLimitMs = STATEMENT_LIMIT_MS): Promise<EngineHandle> {
  const session = new Session(address, fixture, statementLimitMs);
  await session.opened;
  const { default: pg } = await import('pg');
  // One connection, as with PGlite in the worker: Postgres in WASM is a
  // single backend, so two connections would share one session.
  const pool = new pg.Pool({ stream: () => new HostSocket(session) as never, max: 1, user: 'postgres', database: 'postgres' });
  return {
    engine: 'pglite',
    pool: pool as unknown as PoolLike,
    reset: async () => {
      await session.request('reset');
    },
    close: async () => {
      // A client still checked out (a test that timed out mid-query) would keep pool.end() waiting.
      await Promise.race([pool.end(), wait(CLOSE_WAIT_MS)]);
      await session.close();
    },
  };
}

/** True when this test worker can reach the host: a thread of the same process. */
export function reachable(address: HostAddress | null | undefined): address is HostAddress {
  return !!address && address.pid === process.pid;
}

/** How many databases the host holds right now. */
export function hostStats(address: HostAddress): Promise<HostStats> {
  const replyTo = randomUUID();
  const replies = new BroadcastChannel(`${address.channel}:${replyTo}`);
  return new Promise<HostStats>((resolve) => {
    replies.onmessage = (event) => resolve(event.data as HostStats);
    toHost(address, { op: 'stats', replyTo });
  }).finally(() => replies.close());
}
