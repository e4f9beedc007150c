/**
 * The guide's diagrams (content/<chapter>/diagrams/*.svg, inlined by
 * src/components/Diagram.astro): each one has a text alternative, is used by
 * its chapter, and draws legibly: rendered in Chromium at the width of a
 * 390 px phone's column with the component's own CSS, no label leaves the
 * drawing, overlaps another label or spills out of the box it sits in.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadDiagram } from '../../src/diagrams/load.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';

const diagrams = readdirSync('content', { recursive: true, encoding: 'utf8' })
  .filter((f) => /^[^/]+\/diagrams\/[^/]+\.svg$/.test(f))
  .sort();

/** Diagram.astro's <style>, with Astro's :global() unwrapped, and Starlight's two font stacks. */
function componentCss(): string {
  const astro = readFileSync('src/components/Diagram.astro', 'utf8');
  const style = /<style>([\s\S]*?)<\/style>/.exec(astro)?.[1] ?? '';
  const props = readFileSync('node_modules/@astrojs/starlight/dist/style/props.css', 'utf8');
  const font = (name: string) => new RegExp(`--${name}:([^;]+);`).exec(props)?.[1] ?? 'sans-serif';
  return `:root { --sl-font-system: ${font('sl-font-system')}; --sl-font-system-mono: ${font('sl-font-system-mono')}; }\n`
    + style.replace(/:global\(([^)]+)\)/g, '$1');
}

it('there are diagrams to check', () => {
  expect(diagrams.length).toBeGreaterThanOrEqual(5);
});

describe.each(diagrams)('%s', (file) => {
  it('has a title and a description, no fixed colours, and unique ids', () => {
    const d = loadDiagram(file);
    expect(d.title.length).toBeGreaterThan(10);
    expect(d.desc.length).toBeGreaterThan(80);
    expect(d.svg).toMatch(/^<svg role="img" aria-labelledby="dg-[\w-]+-title" aria-describedby="dg-[\w-]+-desc"/);
    // At most 380 units wide: drawn 1:1 in a phone's ~358 px column, 12 px labels stay >= 11 px.
    expect(d.width).toBeLessThanOrEqual(380);
  });

  it('is shown, with one line, in its own chapter', () => {
    const chapter = file.split('/')[0]!;
    const mdx = readFileSync(`content/${chapter}/index.mdx`, 'utf8');
    expect(mdx.split('\n').filter((l) => l.trim() === `<Diagram file="${file}" />`)).toHaveLength(1);
  });
});

it('every <Diagram> in the chapters names an existing source', () => {
  const chapters = readdirSync('content', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const used = chapters.flatMap((c) => {
    try {
      return [...readFileSync(`content/${c}/index.mdx`, 'utf8').matchAll(/<Diagram file="([^"]+)"/g)].map((m) => m[1]);
    } catch {
      return [];
    }
  });
  expect(used.filter((f) => !diagrams.includes(f!))).toEqual([]);
});

describe('loadDiagram refuses a drawing a reader could not use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diagram-'));
  const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">${inner}</svg>`;
  const ok = '<title>A title</title><desc>A description.</desc>';
  const cases: [string, string, RegExp][] = [
    ['without a title', svg('<desc>only a description</desc>'), /no <title>/],
    ['without a description', svg('<title>only a title</title>'), /no <desc>/],
    ['with black text', svg(`${ok}<text fill="black">x</text>`), /fixed colour/],
    ['with a hex stroke', svg(`${ok}<rect style="stroke: #fff"/>`), /fixed colour/],
    ['with a script', svg(`${ok}<script>alert(1)</script>`), /scripts/],
    ['without a viewBox', `<svg>${ok}</svg>`, /viewBox/],
  ];
  it.each(cases)('%s', (_name, source, error) => {
    writeFileSync(join(dir, 'bad.svg'), source);
    expect(() => loadDiagram('bad.svg', dir)).toThrow(error);
  });
  it('and accepts a well-formed one', () => {
    writeFileSync(join(dir, 'good.svg'), svg(`${ok}<text class="muted">x</text>`));
    expect(loadDiagram('good.svg', dir).title).toBe('A title');
  });
});

describe('drawn in Chromium at a phone column', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(diagrams)('%s: labels stay inside the drawing and their boxes, and never overlap', async (file) => {
    const { svg } = loadDiagram(file);
    await page.setContent(`<style>${componentCss()}</style><figure class="diagram" style="--diagram-width: 358px; width: 358px">${svg}</figure>`);
    const problems = await page.evaluate(() => {
      const root = document.querySelector('svg')!;
      const view = root.viewBox.baseVal;
      const texts = [...root.querySelectorAll('text')];
      const rects = [...root.querySelectorAll('rect')].map((r) => r.getBBox());
      const found: string[] = [];
      const inside = (a: DOMRect, b: DOMRect, pad: number) =>
        a.x >= b.x + pad && a.y >= b.y + pad && a.x + a.width <= b.x + b.width - pad && a.y + a.height <= b.y + b.height - pad;
      const boxes = texts.map((t) => {
        // getBBox ignores the rotate() a vertical label has; its screen box is what a reader sees.
        const m = t.getScreenCTM()!;
        const base = root.getScreenCTM()!.inverse().multiply(m);
        const b = t.getBBox();
        const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(base));
        const xs = pts.map((p) => p.x);
        const ys = pts.map((p) => p.y);
        return new DOMRect(Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
      });
      texts.forEach((t, i) => {
        const box = boxes[i]!;
        const label = `"${t.textContent}"`;
        if (box.width === 0) found.push(`${label} did not render`);
        if (!inside(box, new DOMRect(view.x, view.y, view.width, view.height), 0)) found.push(`${label} leaves the drawing`);
        // The smallest rect holding the label's centre is the box it belongs to.
        const cx = box.x + box.width / 2;
        const cy = box.y + box.height / 2;
        const home = rects
          .filter((r) => cx > r.x && cx < r.x + r.width && cy > r.y && cy < r.y + r.height)
          .sort((a, b) => a.width * a.height - b.width * b.height)[0];
        if (home && !inside(box, home, 2)) found.push(`${label} spills out of its box`);
        boxes.forEach((other, j) => {
          if (j <= i) return;
          // Two labels on one line closer than two characters read as one phrase.
          const GAP = 12;
          const apart = box.x + box.width + GAP <= other.x || other.x + other.width + GAP <= box.x || box.y + box.height <= other.y || other.y + other.height <= box.y;
          if (!apart) found.push(`${label} overlaps or touches "${texts[j]!.textContent}"`);
        });
      });
      return found;
    });
    expect(problems).toEqual([]);
  });
});
