/**
 * The PGlite host's door for test files in other processes: vitest's
 * `forks` pool, where graders that move the time zone run
 * (time-zones.ts). A BroadcastChannel reaches only the threads of one
 * process, so the host (pglite-host.ts, in the thread that runs vitest)
 * also listens on a Unix domain socket (a named pipe on Windows) and relays:
 * a connection carries one session's requests as frames
 * (pglite-host-frames.ts) to the session's channel, where the host thread
 * answers as it answers a worker thread, and the replies back.
 *
 * The host lives in the thread that runs vitest, not in the host thread,
 * because that thread is replaced when a database is stuck (it blocks while
 * the statement runs): the socket stays where it is. A connection that
 * ends before its session closed (the process exited or was killed) frees
 * the database, as a worker thread's exit does.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { onFrames, sendFrame } from './pglite-host-frames.ts';
import type { HostRequest, SocketRequest, ToHostThread } from './pglite-host-messages.ts';

export interface SocketDoor {
  path: string;
  close(): void;
}

export interface Routes {
  /** The BroadcastChannel prefix the host and its thread use. */
  channel: string;
  /** What the host does with a request on its channel (open, stuck, stats). */
  route(request: HostRequest): void;
  /** A message for the current host thread. */
  tell(message: ToHostThread): void;
}

/**
 * Listens, or returns null when it cannot (a path too long for a socket, a
 * file system without them): processes then start PGlite themselves.
 */
export async function openSocketDoor(routes: Routes): Promise<SocketDoor | null> {
  // A fresh directory only this user can enter (mkdtemp: mode 0700) holds
  // the socket, so no other user on the machine can reach the databases.
  // Named by pid: `npm run watch` ends vitest with SIGKILL, which leaves it
  // behind, so each start removes those of processes that are gone.
  if (process.platform !== 'win32') removeLeftovers();
  const dir = process.platform === 'win32' ? null : mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const path = dir ? join(dir, 'host.sock') : `\\\\.\\pipe\\workbook-pglite-${randomUUID()}`;
  const removeDir = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    relay(socket, routes);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    removeDir();
    console.error(`The PGlite host could not listen on ${path} (${(error as Error).message}): graders in forked processes start PGlite themselves.`);
    return null;
  }
  // Neither the door nor a connection keeps vitest running.
  server.unref();
  // vitest may exit without its teardown (an error, process.exit): the directory goes anyway.
  process.once('exit', removeDir);
  return {
    path,
    close() {
      process.off('exit', removeDir);
      server.close();
      for (const socket of connections) socket.destroy();
      removeDir();
    },
  };
}

const PREFIX = 'workbook-pglite-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process
  }
}

/** Tidying only: what cannot be read or removed (another user's) is left alone. */
function removeLeftovers() {
  const pattern = new RegExp(`^${PREFIX}(\\d+)-`);
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // not ours
    }
  }
}

function relay(socket: Socket, { channel, route, tell }: Routes) {
  socket.unref();
  socket.on('error', () => {}); // 'close' follows, and is handled there
  const reply = (message: unknown) => {
    if (!socket.destroyed) sendFrame(socket, message);
  };
  let session: string | undefined;
  const ports = new Set<BroadcastChannel>();
  const listen = (name: string, once: boolean) => {
    const port = new BroadcastChannel(name);
    port.unref();
    ports.add(port);
    port.onmessage = (event) => {
      reply(event.data);
      if (once) {
        port.close();
        ports.delete(port);
      }
    };
    return port;
  };
  let sessionPort: BroadcastChannel | undefined;
  onFrames(socket, (message) => {
    const request = message as SocketRequest;
    if (request.op === 'open') {
      // One session per connection: its end is what frees the database.
      if (session) return void socket.destroy();
      session = request.session;
      // Listening before the host thread opens the session: its first reply may come at once.
      sessionPort = listen(`${channel}:${session}`, false);
      route({ op: 'open', session, fixture: request.fixture });
    } else if (request.op === 'stats') {
      listen(`${channel}:${request.replyTo}`, true);
      route(request);
    } else if (request.op === 'stuck') {
      route(request);
    } else {
      sessionPort?.postMessage(request);
    }
  });
  socket.once('close', () => {
    for (const port of ports) port.close();
    ports.clear();
    if (session) tell({ op: 'session-gone', session });
  });
}
