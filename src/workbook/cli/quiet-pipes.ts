/**
 * `npm test | head -3`: once the reader has gone, writing to the pipe fails
 * with EPIPE, and an unhandled 'error' event on stdout prints a Node stack.
 * Nobody is left to read anything, so end at once — with the exit code the
 * command has already decided, and 'exit' handlers still stopping vitest.
 */
let installed = false;

export function endQuietlyWhenOutputCloses(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]) {
  if (installed) return;
  installed = true;
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'EIO') process.exit();
      throw error;
    });
  }
}
