/**
 * verify's check of the Run demos on a loaded page: click every Run
 * control, send every preset request in the declared order, and compare
 * the status the panel shows (and the JSON body, where one is declared)
 * with the declaration the control carries (data-demo-requests).
 * Returns the problems found, as sentences; [] when every demo answered as
 * declared.
 */
import type { Page } from 'playwright-core';
import type { DemoRequest } from './demo.ts';
import { contains } from './exchange.ts';

/** Long enough for a cold PGlite start (≈1–2 s here) on a busy machine. */
const ANSWER_TIMEOUT = 30_000;

export async function checkDemosOnPage(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const controls = page.locator('[data-run-demo]');
  const count = await controls.count();
  for (let i = 0; i < count; i++) {
    const button = controls.nth(i);
    const id = (await button.getAttribute('data-run-demo')) ?? `#${i}`;
    const requests = JSON.parse((await button.getAttribute('data-demo-requests')) ?? '[]') as DemoRequest[];
    const panelId = await button.getAttribute('aria-controls');
    const where = `${page.url()} demo ${id}`;
    try {
      if (!(await button.isVisible())) {
        // Phones show one pane at a time: bring the TypeScript one forward.
        await page.locator(`.compare-wrap:has([aria-controls="${panelId}"]) .compare-tabs [role="tab"][data-side="ts"]`).click();
      }
      await button.click();
      const panel = page.locator(`[id="${panelId}"]`);
      await panel.locator('.run-demo-send').waitFor({ state: 'visible', timeout: 10_000 });
      const presets = panel.locator('.run-demo-preset');
      if ((await presets.count()) !== requests.length) problems.push(`${where}: ${await presets.count()} preset buttons, ${requests.length} declared`);
      for (const [j, request] of requests.entries()) {
        await presets.nth(j).click();
        await panel.locator('.run-demo-send').click();
        const status = panel.locator('.run-demo-status[data-demo-status]');
        await status.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
        const shown = await status.getAttribute('data-demo-status');
        const label = `${where}, "${request.label}" (${request.method} ${request.path})`;
        if (shown !== String(request.expect.status)) {
          problems.push(`${label}: status ${shown} (${await status.textContent()}), declared ${request.expect.status}`);
          continue;
        }
        if (request.expect.json !== undefined) {
          const text = (await panel.locator('.run-demo-body').textContent()) ?? '';
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            problems.push(`${label}: the body shown is not JSON: ${text.slice(0, 120)}`);
            continue;
          }
          if (!contains(body, request.expect.json)) problems.push(`${label}: body ${text.slice(0, 200)} lacks ${JSON.stringify(request.expect.json)}`);
        }
      }
    } catch (error) {
      problems.push(`${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return problems;
}
