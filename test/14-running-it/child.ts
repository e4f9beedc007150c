/**
 * The process the graceful-shutdown grader starts and sends a real SIGTERM:
 * `node --import tsx child.ts <file under test> <deadlineMs>`. It runs the
 * code under test with the real `process` (signals and exit), a pino logger
 * writing JSON lines to stdout, a pool that prints when it is closed, and a
 * small app: /slow?id=…&ms=… answers after ms, /hang never answers.
 * It prints {"event":"listening","url":…} once the server listens.
 */
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';

const [file, deadline] = process.argv.slice(2);
if (!file || !deadline) throw new Error('usage: child.ts <file under test> <deadlineMs>');
const { start } = (await import(pathToFileURL(file).href)) as typeof import('../../solutions/14-running-it/graceful-shutdown.ts');

const say = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);
const log = pino({ base: { service: 'invoices' } });
let ended = 0;
const pool = {
  connectionString: 'postgres://app:child-Pa55word@db.internal:5432/invoices',
  async end() {
    ended += 1;
    say({ event: 'pool.end', count: ended });
  },
};

const running = await start({
  app(req, res) {
    const url = new URL(req.url ?? '/', 'http://child');
    const id = url.searchParams.get('id') ?? '';
    say({ event: 'request', id });
    if (url.pathname === '/hang') return;
    setTimeout(() => {
      const body = JSON.stringify({ id, pool: ended === 0 ? 'open' : 'closed' });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      say({ event: 'response', id });
    }, Number(url.searchParams.get('ms') ?? 0));
  },
  pool,
  log,
  deadlineMs: Number(deadline),
});
say({ event: 'listening', url: running.url });
