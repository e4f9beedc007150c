/** How much of a test file's console output reaches the learner: enough to print-debug, never a flood. */
export const LOG_LIMIT_BYTES = 4096;

/** Joins console writes in order and keeps the first LOG_LIMIT_BYTES bytes; undefined when nothing was written. */
export function capLog(chunks: readonly string[], limit = LOG_LIMIT_BYTES): string | undefined {
  const bytes = Buffer.from(chunks.join(''));
  if (bytes.length === 0) return undefined;
  if (bytes.length <= limit) return bytes.toString();
  // Cut on a byte count, then drop a character the cut split in two.
  const kept = bytes.subarray(0, limit).toString().replace(/\uFFFD$/, '');
  return `${kept}\n… (${bytes.length - Buffer.byteLength(kept)} more bytes)`;
}
