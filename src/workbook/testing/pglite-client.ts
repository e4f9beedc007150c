/**
 * A test file's database on the PGlite host (pglite-host.ts): node-postgres
 * talks to it over a stream that carries the wire protocol to the database
 * thread, as it would over a socket to a server. The grader and the code
 * under test see the same pg.Pool as with a PGlite in the worker.
 *
 * A worker thread of the vitest process reaches the host over
 * BroadcastChannels; a test file in another process (vitest's `forks`
 * pool) over the host's socket (pglite-host-socket.ts). Both carry the same
 * requests and replies (pglite-host-messages.ts).
 */
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { BroadcastChannel, threadId } from 'node:worker_threads';
import { workbookTypes } from '../../lib/db.ts';
import type { EngineHandle, Fixture, PoolLike } from './engines.ts';
import { onFrames, sendFrame } from './pglite-host-frames.ts';
import type { HostAddress, HostRequest, HostStats, SessionReply, SessionRequest, SocketRequest } from './pglite-host-messages.ts';

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

/** One session's way to the host: it sends requests and hands on replies. */
interface Link {
  send(request: HostRequest | SessionRequest): void;
  close(): void;
}

/** In a worker thread of the vitest process: the host's channel and the session's. */
function channelLink(address: HostAddress, session: string, onReply: (reply: SessionReply) => void): Link {
  const port = new BroadcastChannel(`${address.channel}:${session}`);
  // A session must not keep a test worker alive on its own.
  port.unref();
  port.onmessage = (event) => onReply(event.data as SessionReply);
  return {
    send: (request) => (request.op === 'wire' || request.op === 'reset' || request.op === 'close' ? port.postMessage(request) : toHost(address, request)),
    close: () => port.close(),
  };
}

/** In another process: a connection to the host's socket, which relays both. */
function socketLink(path: string, onReply: (reply: SessionReply) => void, onGone: (error: Error) => void): Link {
  const socket: Socket = connect(path);
  socket.unref();
  let closing = false;
  onFrames(socket, (reply) => onReply(reply as SessionReply));
  socket.on('error', (error) => onGone(new Error(`the PGlite host cannot be reached (${error.message})`)));
  socket.on('close', () => closing || onGone(new Error('the PGlite host closed the connection (vitest stopped?)')));
  return {
    send: (request) => sendFrame(socket, request satisfies SocketRequest),
    close: () => {
      closing = true;
      socket.end();
    },
  };
}

class Session {
  readonly #id = randomUUID();
  readonly #link: Link;
  readonly #pending = new Map<number, Pending>();
  readonly #statementLimitMs: number;
  #next = 0;
  /** Which host thread serves the session (it says so when it opens). */
  #generation = 0;
  /** Set once the session is over: every request fails with it. */
  #over: Error | undefined;
  readonly opened: Promise<void>;

  constructor(address: HostAddress, fixture: Fixture, statementLimitMs: number) {
    this.#statementLimitMs = statementLimitMs;
    let onReply: (reply: SessionReply) => void = () => {};
    let onGone: (error: Error) => void = () => {};
    this.#link = sameProcess(address)
      ? channelLink(address, this.#id, (reply) => onReply(reply))
      : socketLink(address.socket!, (reply) => onReply(reply), (error) => onGone(error));
    this.opened = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the PGlite host did not answer within ${OPEN_LIMIT_MS / 1000} s`)), OPEN_LIMIT_MS);
      // The connection to the host broke: every request fails now, not at its time limit.
      onGone = (error) => {
        clearTimeout(timer);
        this.#end(error);
        reject(this.#over);
      };
      onReply = (reply) => {
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
    this.#link.send({ op: 'open', session: this.#id, threadId, fixture });
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
        this.#link.send({ op: 'stuck', session: this.#id, generation: this.#generation });
      }, this.#statementLimitMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#link.send(op === 'wire' ? { op, id, bytes: bytes! } : { op, id });
    });
  }

  async close() {
    if (!this.#over) await Promise.race([this.request('close').catch(() => undefined), wait(CLOSE_WAIT_MS)]);
    this.#end(new Error('the database is closed'));
    this.#link.close();
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
  // single backend, so two connections would share one session. int8 as
  // checked numbers: the workbook's convention (src/lib/db.ts).
  const pool = new pg.Pool({ stream: () => new HostSocket(session) as never, max: 1, user: 'postgres', database: 'postgres', types: workbookTypes });
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

const sameProcess = (address: HostAddress) => address.pid === process.pid;

/** True when this test file can reach the host: from a thread of its process, or through its socket. */
export function reachable(address: HostAddress | null | undefined): address is HostAddress {
  return !!address && (sameProcess(address) || address.socket !== null);
}

/** How many databases the host holds right now. */
export function hostStats(address: HostAddress): Promise<HostStats> {
  const replyTo = randomUUID();
  if (!sameProcess(address)) {
    const socket = connect(address.socket!);
    return new Promise<HostStats>((resolve, reject) => {
      onFrames(socket, (reply) => resolve(reply as HostStats));
      socket.on('error', reject);
      sendFrame(socket, { op: 'stats', replyTo } satisfies SocketRequest);
    }).finally(() => socket.destroy());
  }
  const replies = new BroadcastChannel(`${address.channel}:${replyTo}`);
  return new Promise<HostStats>((resolve) => {
    replies.onmessage = (event) => resolve(event.data as HostStats);
    toHost(address, { op: 'stats', replyTo });
  }).finally(() => replies.close());
}
