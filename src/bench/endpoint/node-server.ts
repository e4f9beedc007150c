/**
 * The TypeScript side of `npm run bench:endpoint`: the workbook's reference
 * invoice-detail handler (solutions/01-shape-of-a-service/invoice-detail.ts)
 * on node:http with a real pg.Pool (the workbook's createPool). One process, or one per core with
 * node:cluster (`--workers N`).
 *
 * The bench runs it as plain JavaScript: main.ts strips its types (and the
 * handler's) with node:module's stripTypeScriptTypes into
 * node_modules/.cache/djts-bench/, so no TypeScript loader sits in the
 * measured process. Keep this file within erasable TypeScript syntax.
 *
 * BENCH-ONLY authentication: X-User-Id is trusted as the signed-in user,
 * exactly like src/bench/django/benchsite/middleware.py. Never deploy it.
 */
import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { createPool } from '../../lib/db.ts';
import { invoiceDetail } from '../../../solutions/01-shape-of-a-service/invoice-detail.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    database: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'pool-size': { type: 'string', default: '10' },
  },
});
const port = Number(values.port);
const workers = Number(values.workers);
if (!values.database || !port) throw new Error('usage: node-server.ts --port N --database postgres://… [--workers N]');

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    console.error(`worker ${worker.process.pid} exited with ${code}`);
    process.exit(1);
  });
} else {
  serve();
}

/** Bench-only: trusts X-User-Id (see the file comment). */
function benchUser(req: IncomingMessage): { id: number } | null {
  const raw = req.headers['x-user-id'];
  return typeof raw === 'string' && /^\d+$/.test(raw) ? { id: Number(raw) } : null;
}

function serve() {
  // The workbook's pool: bigint ids arrive as checked numbers, as in every exercise.
  const pool = createPool({ connectionString: values.database, max: Number(values['pool-size']) });
  const route = /^\/invoices\/([^/?#]*)$/;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = req.method === 'GET' ? route.exec(path) : null;
    if (!match) return send(res, Response.json({ error: 'not_found' }, { status: 404 }));
    const user = benchUser(req);
    if (!user) return send(res, Response.json({ error: 'unauthenticated' }, { status: 401 }));
    // The handler takes Web-standard Request/Response, as under Hono's node adapter.
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, { method: 'GET' });
    const response = await invoiceDetail(request, { user, db: pool, params: { id: decodeURIComponent(match[1]!) } });
    return send(res, response);
  }

  async function send(res: ServerResponse, response: Response) {
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, {
      'content-type': response.headers.get('content-type') ?? 'application/json',
      'content-length': body.length,
    });
    res.end(body);
  }

  createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal"}');
    });
  }).listen(port, '127.0.0.1');
}
