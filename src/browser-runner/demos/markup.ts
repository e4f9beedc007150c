/**
 * The HTML of a Run control, shared by RunDemo.astro (the site) and
 * test/runtime/run-demo.test.ts (a bare page), so the test clicks exactly
 * what a reader clicks.
 *
 * Nothing of the runner is on the page before a click: the button, the
 * demo's data (data attributes, read by the panel and by verify's
 * check-demos.ts) and, once per page, RUN_SCRIPT: a few inline lines that
 * import demos/panel.js on the first click.
 */
import { DEMOS_DIR, PANEL_FILE } from './build-demos-paths.ts';
import { RUNNER_DIR } from '../contract.ts';
import { bundleName, type Demo } from './demo.ts';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface RunControl {
  /** The demo's id (demoId()). */
  runId: string;
  demo: Demo;
  /** Unique on the page; the panel's id is `${id}-run`. */
  id: string;
  /** The site's base URL, ending in "/". */
  base: string;
}

export function runControlHtml({ runId, demo, id, base }: RunControl): string {
  if (demo.localOnly) {
    return `<p class="run-demo-local"><strong>Runs locally only:</strong> ${escape(demo.localOnly)}.</p>`;
  }
  const attrs: Record<string, string | undefined> = {
    'data-run-demo': runId,
    'data-demo-src': `${base}${RUNNER_DIR}/${DEMOS_DIR}/${bundleName(runId)}`,
    'data-demo-panel': `${base}${RUNNER_DIR}/${DEMOS_DIR}/${PANEL_FILE}`,
    'data-demo-title': demo.title,
    'data-demo-database': demo.database,
    // The presets as declared, expected statuses included.
    'data-demo-requests': JSON.stringify(demo.requests),
  };
  // Single quotes: the JSON is full of double quotes, which would each cost six bytes as &quot;.
  const data = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}='${v!.replace(/[&<>']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;' })[c]!)}'`)
    .join('');
  // Hidden until RUN_SCRIPT runs: without JavaScript a Run button could do nothing.
  return `<div class="run-demo-bar" hidden><button type="button" class="run-demo-button" aria-expanded="false" aria-controls="${escape(id)}-run"${data}><span aria-hidden="true">▶</span> Run</button>`
    + `<span class="run-demo-hint">Send requests to this code, in your browser${demo.database ? ', with Postgres' : ''}</span></div>`
    + `<div class="run-demo" id="${escape(id)}-run" hidden></div>`;
}

/** Once per page with a Run control: shows the controls; the whole runner waits for a click on one. */
export const RUN_SCRIPT = `<script>
const showRunControls = () => document.querySelectorAll('.run-demo-bar[hidden]').forEach((bar) => { bar.hidden = false; });
showRunControls();
document.addEventListener('DOMContentLoaded', showRunControls);
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-run-demo]');
  if (!button) return;
  import(button.dataset.demoPanel).then((panel) => panel.toggle(button), (error) => {
    const host = document.getElementById(button.getAttribute('aria-controls'));
    if (!host) return;
    host.textContent = 'The runner did not load (' + error + '). Reload the page to try again.';
    host.hidden = false;
  });
});
</script>`;
