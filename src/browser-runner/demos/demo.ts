/**
 * A runnable demo of a chapter snippet: declared beside the snippet as
 * `content/<chapter>/snippets/<snippet>.demo.ts`, exported as `demos`.
 *
 * The same declaration is used three times: the chapter's snippet test
 * (test/snippets/run-demos.test.ts) sends every preset request in Node and
 * checks status, content type and body; the site build bundles it with its
 * snippet for a Web Worker (build-demos.ts); the page shows a Run control on
 * the TypeScript pane and verify clicks it in Chromium (check-demos.ts). A
 * demo that stops working therefore fails `npm run verify`.
 *
 * Presets run in the order declared, against one handler (and one seeded
 * database): a preset may depend on what an earlier one did (pay an invoice,
 * then pay it again: 409), exactly as a reader clicking through them sees.
 */
import type { Db } from '#lib/db';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type Method = (typeof METHODS)[number];
/** Methods whose requests carry a body the reader can edit. */
export const BODY_METHODS: readonly Method[] = ['POST', 'PUT', 'PATCH'];

/** Databases a demo can ask for: test/fixtures/<name>.ts, seeded as the graders seed it. */
export type DemoDatabase = 'billing';

export interface DemoRequest {
  /** The preset button's text: what the request shows ("Bob's invoice: 404"). */
  label: string;
  method: Method;
  /** Path and query, e.g. "/api/invoices/3001?expand=items". */
  path: string;
  headers?: Record<string, string>;
  /** Raw body text (POST, PUT, PATCH only). */
  body?: string;
  expect: {
    status: number;
    /**
     * The JSON body must contain this (objects: these keys, recursively;
     * arrays and values: equal). Absent: the response has no JSON body to
     * check (a 204, a 499), and the status is all that is promised.
     */
    json?: unknown;
  };
}

export interface DemoEnv {
  /** The seeded database when the demo declares one; node-postgres' `query` API over PGlite. */
  db: Db;
}

export interface Demo {
  /** Unique within its file; part of the demo's id (`<chapter>/<snippet>/<name>`). */
  name: string;
  /** One line above the request: what runs, and anything the demo supplies (a fixed user, a fake store). */
  title: string;
  /**
   * The `#region`s of the snippet whose comparisons show this demo's Run
   * control (Compare's `ts="file#region"`). Absent: every comparison of the file.
   */
  regions?: readonly string[];
  database?: DemoDatabase;
  /** The fetch-style handler: a Hono app's `fetch`, or the snippet's handler with its context bound. */
  handler(env: DemoEnv): FetchHandler | Promise<FetchHandler>;
  requests: readonly DemoRequest[];
  /**
   * Why this demo runs in Node only (a Node-only API with no browser
   * equivalent that keeps the lesson). The page shows this instead of a Run
   * control; the snippet test still runs the demo.
   */
  localOnly?: string;
}

/** `<chapter>/<snippet>/<name>`, e.g. `02-routing/hono-app/app`. */
export function demoId(chapter: string, snippet: string, name: string): string {
  return `${chapter}/${snippet}/${name}`;
}

/** The bundle's file name under `demos/`: ids have slashes, file names don't. */
export function bundleName(id: string): string {
  return `${id.replaceAll('/', '--')}.js`;
}

/** Where a demo file sits: `content/<chapter>/snippets/<snippet>.demo.ts`. */
export const DEMO_FILE = /(?:^|\/)content\/([^/]+)\/snippets\/([^/]+)\.demo\.ts$/;

/** Does a comparison of `region` (undefined: the whole file) show this demo? */
export function showsFor(demo: Demo, region: string | undefined): boolean {
  return demo.regions === undefined || (region !== undefined && demo.regions.includes(region));
}
