/**
 * Injected by build-demos.ts wherever a demo's code names the global
 * `Buffer`, which browsers lack: chapter 5's readLimited() (body.ts) joins
 * the chunks it read with Buffer.concat and hands the result to
 * TextDecoder. This is that one method, on Uint8Array, which is what a
 * Buffer is; any other Buffer method fails loudly rather than pretending.
 */
function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export const Buffer = new Proxy({ concat }, {
  get(target, key) {
    if (key in target) return target[key as keyof typeof target];
    throw new Error(`Buffer.${String(key)} is Node-only: the browser demo provides Buffer.concat alone`);
  },
});
