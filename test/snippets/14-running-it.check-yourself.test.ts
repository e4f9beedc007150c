/**
 * Proofs of chapter 14's "Check yourself" answers
 * (content/14-running-it/check-yourself.ts): real loopback servers, real
 * child processes and real signals.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { trace } from '@opentelemetry/api';
import { afterEach } from 'vitest';
import questions from '../../content/14-running-it/check-yourself.ts';
import { startTracing } from '../../content/14-running-it/snippets/tracing.ts';
import { ClosedBeforeResponse, Conn, destroyAll } from '../14-running-it/client.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

afterEach(() => destroyAll());

async function slowServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const ms = req.url === '/slow' ? 200 : 0;
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2' }).end('ok'), ms);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

proof('close-alone', async () => {
  const { server, port } = await slowServer();
  const conn = await Conn.open(port);
  const reply = conn.send('GET', '/slow');
  await sleep(50);
  server.close();
  await reply;
  try {
    const second = await conn.send('GET', '/next');
    return second.status === 200 ? 'it is answered normally' : `status ${second.status}`;
  } catch (error) {
    return error instanceof ClosedBeforeResponse ? 'the socket is closed without an answer' : String(error);
  } finally {
    conn.destroy();
    server.closeAllConnections();
  }
});

proof('close-all', async () => {
  const { server, port } = await slowServer();
  const conn = await Conn.open(port);
  const reply = conn.send('GET', '/slow');
  await sleep(50);
  server.close();
  server.closeAllConnections();
  try {
    const res = await reply;
    return res.status === 503 ? 'a 503' : res.body === 'ok' ? 'its full response' : res.body;
  } catch (error) {
    return error instanceof ClosedBeforeResponse ? 'the socket closes with no response' : String(error);
  }
});

function run(script: string, signals: number[] = []): Promise<{ code: number | null; signal: string | null; ready: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    let ready = false;
    child.stdout.on('data', (d: Buffer) => {
      if (!ready && d.toString().includes('ready')) {
        ready = true;
        signals.forEach((ms) => setTimeout(() => child.kill('SIGTERM'), ms));
      }
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, ready });
    });
  });
}

proof('unhandled-default',
  async () => {
    const { code } = await run(`Promise.reject(new Error('nobody catches me')); setTimeout(() => process.exit(0), 2000);`);
    if (code === 1) return 'it exits with code 1';
    return code === 0 ? 'a warning is printed and it keeps running' : `exit ${code}`;
  },
  20_000,
);

proof('second-signal',
  async () => {
    const script = `let runs = 0;
process.once('SIGTERM', () => { runs += 1; setTimeout(() => process.exit(runs === 1 ? 0 : 3), 3000); });
setInterval(() => {}, 1000);
console.log('ready');`;
    const { code, signal, ready } = await run(script, [0, 300]);
    if (!ready) return 'the child never started';
    if (signal === 'SIGTERM') return 'the process is killed by the signal at once';
    return code === 0 ? 'nothing: the drain goes on' : code === 3 ? 'the shutdown runs twice' : `exit ${code}`;
  },
  20_000,
);

proof('batch-before-flush', async () => {
  const exporter = new InMemorySpanExporter();
  const sdk = startTracing(exporter);
  trace.getTracer('proof').startSpan('GET /invoices/:id').end();
  const now = exporter.getFinishedSpans().length;
  await sdk.shutdown();
  return now === 0 ? 'queued in the processor, not exported yet' : 'already at the exporter';
});

proof.everyQuestion();
