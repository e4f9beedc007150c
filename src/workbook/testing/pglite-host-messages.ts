/**
 * What test workers, the PGlite host (pglite-host.ts, in the thread that
 * runs vitest) and its host thread (pglite-host-thread.ts, where the
 * databases live) say to each other.
 *
 * Test workers reach the host and their databases over BroadcastChannels,
 * which connect every thread of the process that opens the same name: the
 * host listens on `channel`; each test file's database answers on
 * `${channel}:${session}`. The host and its thread use the thread's port.
 *
 * Test files in other processes (vitest's `forks` pool, for graders that
 * move the time zone) cannot open those channels: they connect to the
 * host's socket (pglite-host-socket.ts), one connection per session, and
 * send the same requests as frames (pglite-host-frames.ts); the host relays
 * them to the session's channel and its replies back.
 */
import type { Fixture } from './engines.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by pglite-host.ts in watch mode; null (or absent, in projects without it) otherwise. */
    workbookPgliteHost: HostAddress | null;
  }
}

/** What the global setup provides to the test workers (vitest's provide/inject). */
export interface HostAddress {
  /** BroadcastChannel name the host listens on. */
  channel: string;
  /** The vitest process: a worker thread of it uses `channel`, anything else `socket`. */
  pid: number;
  /**
   * A Unix domain socket's path (a named pipe's on Windows) for test files
   * in other processes; null when the host could not listen (those files
   * then start PGlite themselves).
   */
  socket: string | null;
}

export interface OpenRequest {
  op: 'open';
  session: string;
  /**
   * The test worker's thread: its sessions end when it exits. Absent over
   * the socket, where the connection's end ends the session.
   */
  threadId?: number;
  fixture: Fixture;
}

/** How many databases are alive; the answer goes to `${channel}:${replyTo}`. */
export interface StatsRequest {
  op: 'stats';
  replyTo: string;
}

/** Test worker → host, on `channel`. */
export type HostRequest =
  /** Give this session a fresh database for the fixture. */
  | OpenRequest
  /**
   * A database stopped answering: a statement that never ends (PGlite
   * cannot cancel one, there is no statement_timeout in WASM). `generation`
   * says which host thread: only the one still running is replaced.
   */
  | { op: 'stuck'; session: string; generation: number }
  | StatsRequest;

export interface HostStats {
  op: 'stats';
  /** Databases held by test files. */
  inUse: number;
  /** Databases started ahead of time. */
  spares: number;
  /** How many host threads were replaced after a statement that never ended. */
  restarts: number;
}

/** Test worker → its database, on the session's channel. */
export type SessionRequest =
  /** Postgres wire-protocol bytes, as node-postgres would write them to a socket. */
  | { op: 'wire'; id: number; bytes: Uint8Array }
  /** Put the data back to the seeded state (the per-test reset). */
  | { op: 'reset'; id: number }
  /** The test file is done: the database is thrown away. */
  | { op: 'close'; id: number };

/** Host thread → test worker, on the session's channel. */
export type SessionReply =
  | { op: 'opened'; generation: number }
  | { op: 'done'; id: number; bytes?: Uint8Array }
  /** Without an id: the session is over (its database did not start). */
  | { op: 'failed'; id?: number; message: string };

/** What a process sends over the socket: the channel requests, one session's per connection. */
export type SocketRequest = HostRequest | SessionRequest;

/** What it receives. */
export type SocketReply = SessionReply | HostStats;

/** Host → host thread. */
export type ToHostThread =
  | OpenRequest
  | StatsRequest
  | { op: 'thread-exit'; threadId: number }
  /** A socket connection ended: its session (if still open) is abandoned. */
  | { op: 'session-gone'; session: string };

/** Host thread → host. */
export type FromHostThread = { op: 'listening' } | { op: 'stats'; inUse: number; spares: number; replyTo: string };
