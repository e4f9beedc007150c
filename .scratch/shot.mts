import { preview } from 'astro';
import { launchChromium } from '../src/verify/checks/browser.ts';
const [out, ...routes] = process.argv.slice(2);
const server = await preview({ root: process.cwd(), logLevel: 'error', server: { port: 4412, host: '127.0.0.1' } });
const browser = await launchChromium();
for (const [width, scheme] of [[1280, 'light'], [390, 'dark']] as const) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  for (const r of routes) {
    const [path, anchor] = r.split('@');
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.port}${path}`, { waitUntil: 'networkidle' });
    if (anchor) await page.locator(anchor).first().scrollIntoViewIfNeeded();
    const name = `${out}/${path.replace(/\W+/g, '_')}${anchor ? '_' + anchor.replace(/\W+/g, '') : ''}.${width}.${scheme}.png`;
    await page.screenshot({ path: name, fullPage: !anchor });
    console.log(name);
    await page.close();
  }
  await context.close();
}
await browser.close(); await server.stop();
