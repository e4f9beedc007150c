/**
 * A raw HTTP/1.1 client on one TCP socket, for the graceful-shutdown
 * grader: it keeps a connection open between requests (keep-alive) and
 * says exactly what the server did with it — answered, closed, refused —
 * which node:http's Agent and fetch() hide by reconnecting for you.
 */
import { connect as netConnect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

/** Thrown by `Conn.open` when nothing listens: `code` is 'ECONNREFUSED'. */
export class ConnectError extends Error {
  constructor(readonly code: string) {
    super(`connect failed: ${code}`);
  }
}

/** The server closed the socket (or reset it) before a whole response arrived. */
export class ClosedBeforeResponse extends Error {
  constructor(readonly partial: string) {
    super(`the server closed the connection before a whole response arrived (got ${JSON.stringify(partial.slice(0, 80))})`);
  }
}

const open = new Set<Conn>();

/** Destroys every socket the grader opened (afterEach). */
export function destroyAll(): void {
  for (const conn of open) conn.destroy();
  open.clear();
}

export class Conn {
  private buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: RawResponse) => void; reject: (e: Error) => void } | undefined;
  private ended = false;
  /** Resolves when the server ends or resets the connection. */
  readonly closed: Promise<void>;
  /** Requests written on this socket so far. */
  sent = 0;

  private constructor(private readonly socket: Socket) {
    open.add(this);
    this.closed = new Promise<void>((resolve) => {
      const done = () => {
        this.ended = true;
        this.waiting?.reject(new ClosedBeforeResponse(this.buffer.toString('latin1')));
        this.waiting = undefined;
        resolve();
      };
      socket.on('end', done);
      socket.on('close', done);
    });
    socket.on('error', () => {
      // ECONNRESET or EPIPE: the 'close' that follows settles everything.
    });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.tryParse();
    });
  }

  static open(port: number): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ port, host: '127.0.0.1' });
      const onError = (error: NodeJS.ErrnoException) => {
        socket.destroy();
        reject(new ConnectError(error.code ?? error.message));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(new Conn(socket));
      });
    });
  }

  get isClosed(): boolean {
    return this.ended || this.socket.destroyed;
  }

  /** Writes one request and resolves with its whole response; rejects with ClosedBeforeResponse. */
  send(method: string, path: string): Promise<RawResponse> {
    if (this.waiting) throw new Error('one request at a time on a Conn');
    if (this.isClosed) return this.quiet(Promise.reject(new ClosedBeforeResponse('')));
    const reply = new Promise<RawResponse>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    this.sent += 1;
    this.socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    this.tryParse();
    return this.quiet(reply);
  }

  /** A grader awaits replies in its own order: a socket closed early is a failed assertion there, not an unhandled rejection here. */
  private quiet(reply: Promise<RawResponse>): Promise<RawResponse> {
    reply.catch(() => {});
    return reply;
  }

  destroy(): void {
    this.socket.destroy();
    open.delete(this);
  }

  private tryParse(): void {
    if (!this.waiting) return;
    const parsed = parse(this.buffer);
    if (!parsed) return;
    this.buffer = this.buffer.subarray(parsed.used);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting.resolve(parsed.response);
  }
}

function parse(buffer: Buffer): { response: RawResponse; used: number } | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let at = headEnd + 4;
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16);
      if (buffer.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
      if (size === 0) break;
    }
    return { response: { status, headers, body: Buffer.concat(chunks).toString('utf8') }, used: at };
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < at + length) return undefined;
  return { response: { status, headers, body: buffer.subarray(at, at + length).toString('utf8') }, used: at + length };
}

/** Resolves with the connect error code once connecting fails (polling), or rejects after `withinMs`. */
export async function refusedWithin(port: number, withinMs: number): Promise<string> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      const conn = await Conn.open(port);
      conn.destroy();
    } catch (error) {
      // ECONNRESET: the listener closed while this handshake waited to be accepted; ask again.
      if (error instanceof ConnectError && error.code !== 'ECONNRESET') return error.code;
      if (!(error instanceof ConnectError)) throw error;
    }
    if (Date.now() > until) throw new Error(`port ${port} still accepted connections ${withinMs} ms after shutdown began`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
