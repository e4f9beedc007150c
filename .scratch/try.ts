import { readFileSync } from 'node:fs';
import { preview } from 'astro';
import { launchChromiumWith } from '../src/verify/checks/browser.ts';
import { gradeInPage, openEditor } from '../src/browser-runner/page/drive.ts';
const server = await preview({ root: process.cwd(), logLevel: 'error', server: { port: 4396, host: '127.0.0.1' } });
const browser = await launchChromiumWith([]);
for (const [name, ch] of [['greet', '01-shape-of-a-service'], ['invoice-detail', '01-shape-of-a-service'], ['create-invoice', '05-validation']]) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(`http://127.0.0.1:${server.port}/exercises/${name}/`, { waitUntil: 'networkidle' });
  const t = Date.now();
  await openEditor(page);
  const r = await gradeInPage(page, readFileSync(`solutions/${ch}/${name}.ts`, 'utf8'));
  console.log(name, 'first', Date.now() - t, 'ms', r.solved, r.outcomes.length, r.summary.split('\n')[0]);
  const r2 = await gradeInPage(page, readFileSync(`solutions/${ch}/${name}.ts`, 'utf8'));
  console.log(name, 'regrade', r2.ms, r2.solved);
  const s = await gradeInPage(page, readFileSync(`exercises/${ch}/${name}.ts`, 'utf8'));
  console.log(name, 'starter', s.ms, s.solved, s.summary.split('\n').slice(0, 3).join(' | '));
  await page.screenshot({ path: `.scratch/${name}.png`, fullPage: false });
  await ctx.close();
}
await browser.close(); await server.stop();
