/**
 * Messages over a byte stream (the PGlite host's socket, pglite-host-socket.ts):
 * each one serialised with v8.serialize (structured clone, as a
 * BroadcastChannel would carry it, so wire-protocol bytes stay a
 * Uint8Array) behind its length as a 4-byte unsigned big-endian integer.
 */
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';

const HEADER = 4;

export function sendFrame(socket: Socket, message: unknown): void {
  const body = serialize(message);
  const header = Buffer.allocUnsafe(HEADER);
  header.writeUInt32BE(body.length);
  // One write: a frame never interleaves with another writer's.
  socket.write(Buffer.concat([header, body]));
}

/** Calls `handle` with every complete message the socket receives, in order. */
export function onFrames(socket: Socket, handle: (message: unknown) => void): void {
  let buffered: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= HEADER) {
      const length = buffered.readUInt32BE(0);
      if (buffered.length < HEADER + length) break;
      const body = buffered.subarray(HEADER, HEADER + length);
      buffered = buffered.subarray(HEADER + length);
      handle(deserialize(body));
    }
  });
}
