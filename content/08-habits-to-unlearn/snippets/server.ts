/**
 * Chapter 8: the production entry point. Chapter 7's main() is the
 * composition root; this file is the only one that names the real
 * platform: node-postgres, @hono/node-server, stdout and the global fetch.
 * bundle.ts builds it into one file, and the tests start that file.
 */
import { serve } from '@hono/node-server';
import pg from 'pg';
import { main } from '../../07-dependency-injection/snippets/main.ts';

// #region server
main(process.env, {
  connect: (url) => new pg.Pool({ connectionString: url }),
  listen: ({ fetch, port }) => serve({ fetch, port }),
  write: (line) => process.stdout.write(line),
  fetch,
});
// #endregion
