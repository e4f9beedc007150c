/**
 * The Run panel, loaded by the page only when a reader clicks a Run
 * control (RunDemo.astro's few inline lines import this file; build-demos.ts
 * bundles it to demos/panel.js). It builds the panel under the TypeScript
 * pane, starts the demo's module Worker (demos/<id>.js: the snippet, bundled
 * at build time), and shows each response: status line, headers, and the
 * body, pretty-printed when it is JSON.
 *
 * The Run control carries everything as data attributes (data-demo-src,
 * data-demo-title, data-demo-requests, data-demo-database), so verify can
 * read the declared statuses from the page (check-demos.ts).
 */
import { BODY_METHODS, METHODS, type DemoRequest, type Method } from './demo.ts';
import type { DemoCall, DemoReply } from './exchange.ts';
import type { DemoAnswer, DemoAsk } from './protocol.ts';

/** Browsers leave statusText empty for Response.json(…, { status }); the page names the usual ones. */
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 499: 'Client Closed Request', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

interface Panel {
  element: HTMLElement;
  worker: Worker;
  pending: Map<number, (answer: DemoAnswer) => void>;
}

const panels = new WeakMap<HTMLElement, Panel>();
let nextId = 1;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { class?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { class: className, ...rest } = props;
  if (className) node.className = className;
  Object.assign(node, rest);
  node.append(...children);
  return node;
}

const headerText = (headers: Record<string, string> | undefined) =>
  Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n');

function parseHeaders(text: string): [string, string][] | string {
  const headers: [string, string][] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon < 1) return `Header line ${i + 1} needs "Name: value"`;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function prettyBody(reply: DemoReply): string {
  if (reply.body === '') return '(no body)';
  const type = reply.headers.find(([n]) => n === 'content-type')?.[1] ?? '';
  if (/json/i.test(type)) {
    try {
      return JSON.stringify(JSON.parse(reply.body), null, 2);
    } catch {
      // Declared JSON but is not: show it as sent.
    }
  }
  return reply.body;
}

function build(button: HTMLButtonElement, host: HTMLElement): Panel {
  const requests = JSON.parse(button.dataset.demoRequests ?? '[]') as DemoRequest[];
  const uid = host.id;
  const worker = new Worker(button.dataset.demoSrc!, { type: 'module', name: button.dataset.runDemo });
  const pending = new Map<number, (answer: DemoAnswer) => void>();
  worker.onmessage = ({ data }: MessageEvent<DemoAnswer>) => {
    pending.get(data.id)?.(data);
    pending.delete(data.id);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const [id, done] of pending) done({ id, ok: false, error: `The demo did not start: ${event.message || 'its script failed to load'}` });
    pending.clear();
  };

  const method = el('select', { id: `${uid}-method`, class: 'run-demo-method' }, ...METHODS.map((m) => el('option', { value: m }, m)));
  const path = el('input', { id: `${uid}-path`, class: 'run-demo-path', type: 'text', spellcheck: false, autocomplete: 'off' });
  const headers = el('textarea', { id: `${uid}-headers`, rows: 2, spellcheck: false, placeholder: 'Name: value, one a line' });
  const body = el('textarea', { id: `${uid}-body`, rows: 4, spellcheck: false });
  const bodyField = el('div', { class: 'run-demo-field' }, el('label', { htmlFor: body.id }, 'Body'), body);
  const send = el('button', { type: 'submit', class: 'run-demo-send' }, 'Send');
  const status = el('p', { class: 'run-demo-status' });
  const responseHeaders = el('pre', { class: 'run-demo-headers' });
  const responseBody = el('pre', { class: 'run-demo-body', tabIndex: 0 });
  const response = el('div', { class: 'run-demo-response', hidden: true }, status,
    el('details', {}, el('summary', {}, 'Response headers'), responseHeaders), responseBody);
  const live = el('div', { class: 'run-demo-live' }, response);
  live.setAttribute('aria-live', 'polite');
  responseBody.setAttribute('aria-label', 'Response body');

  const showBody = () => {
    bodyField.hidden = !BODY_METHODS.includes(method.value as Method);
  };
  method.addEventListener('change', showBody);

  const fill = (r: DemoRequest) => {
    method.value = r.method;
    path.value = r.path;
    headers.value = headerText(r.headers);
    body.value = r.body ?? '';
    // Tall enough for the preset's body, within reason; the reader can resize.
    body.rows = Math.min(10, Math.max(4, body.value.split('\n').length));
    showBody();
  };
  const presets = el('div', { class: 'run-demo-presets' }, ...requests.map((r, i) => {
    const preset = el('button', { type: 'button', class: 'run-demo-preset' }, r.label);
    preset.dataset.preset = String(i);
    preset.dataset.expectStatus = String(r.expect.status);
    preset.addEventListener('click', () => {
      fill(r);
      for (const other of presets.querySelectorAll('[aria-pressed]')) other.setAttribute('aria-pressed', 'false');
      preset.setAttribute('aria-pressed', 'true');
    });
    preset.setAttribute('aria-pressed', i === 0 ? 'true' : 'false');
    return preset;
  }));
  presets.setAttribute('role', 'group');
  presets.setAttribute('aria-label', 'Example requests');

  const form = el('form', { class: 'run-demo-request' },
    el('div', { class: 'run-demo-line' },
      el('label', { htmlFor: method.id, class: 'run-demo-sr' }, 'Method'), method,
      el('label', { htmlFor: path.id, class: 'run-demo-sr' }, 'Path'), path,
      send),
    el('div', { class: 'run-demo-field' }, el('label', { htmlFor: headers.id }, 'Headers'), headers),
    bodyField);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const parsed = parseHeaders(headers.value);
    response.hidden = false;
    delete status.dataset.demoStatus;
    if (typeof parsed === 'string') {
      show({ ok: false, error: parsed });
      return;
    }
    const call: DemoCall = { method: method.value as Method, path: path.value, headers: parsed, body: bodyField.hidden ? undefined : body.value };
    send.disabled = true;
    status.className = 'run-demo-status';
    status.textContent = button.dataset.demoDatabase ? 'Waiting for the answer (the first one starts Postgres in your browser)…' : 'Waiting for the answer…';
    responseHeaders.textContent = '';
    responseBody.textContent = '';
    const id = nextId++;
    const answer = await new Promise<DemoAnswer>((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ id, call } satisfies DemoAsk);
    });
    send.disabled = false;
    show(answer);
  });

  function show(answer: { ok: true; reply: DemoReply } | { ok: false; error: string }) {
    if (!answer.ok) {
      status.className = 'run-demo-status run-demo-error';
      status.textContent = answer.error;
      status.dataset.demoStatus = 'error';
      responseHeaders.textContent = '';
      responseBody.textContent = '';
      return;
    }
    const { reply } = answer;
    const reason = reply.statusText || REASONS[reply.status] || '';
    status.className = `run-demo-status run-demo-${String(reply.status)[0]}xx`;
    status.replaceChildren(`HTTP ${reply.status} ${reason}`.trimEnd() + ' ', el('span', { class: 'run-demo-ms' }, `· ${reply.ms < 1 ? '<1' : Math.round(reply.ms)} ms`));
    status.dataset.demoStatus = String(reply.status);
    responseHeaders.textContent = reply.headers.map(([n, v]) => `${n}: ${v}`).join('\n') || '(none)';
    responseBody.textContent = prettyBody(reply);
  }

  const title = el('p', { class: 'run-demo-title' }, button.dataset.demoTitle ?? '');
  const note = el('p', { class: 'run-demo-note' }, 'Runs in your browser: this file and its imports, bundled when the site was built', button.dataset.demoDatabase ? ', against Postgres (PGlite) seeded as the tests seed it.' : '.', ' Nothing is sent over the network; what a request changes lasts until you reload the page.');
  host.replaceChildren(title, presets, form, live, note);
  if (requests[0]) fill(requests[0]);
  return { element: host, worker, pending };
}

/** Opens (building it the first time) or closes the panel of a Run control. */
export function toggle(button: HTMLButtonElement): void {
  const host = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (!host) return;
  if (!panels.has(host)) panels.set(host, build(button, host));
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  host.hidden = !open;
  if (open) host.querySelector<HTMLElement>('.run-demo-preset, .run-demo-send')?.focus();
}
