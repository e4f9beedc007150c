/**
 * The guide's diagrams (content/<chapter>/diagrams/*.svg, inlined by
 * src/components/Diagram.astro): each one has a text alternative, is used by
 * its chapter, and draws legibly: rendered in Chromium at the width of a
 * 390 px phone's column with the component's own CSS, in Starlight's light
 * and dark themes, no label leaves the drawing, overlaps or touches another
 * label or spills out of its box; text keeps 4.5:1 contrast and lines 3:1.
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

/** Starlight's theme variables (both themes, fonts included) and Diagram.astro's <style>, :global() unwrapped. */
function pageCss(): string {
  const astro = readFileSync('src/components/Diagram.astro', 'utf8');
  const style = /<style>([\s\S]*?)<\/style>/.exec(astro)?.[1] ?? '';
  const props = readFileSync('node_modules/@astrojs/starlight/dist/style/props.css', 'utf8');
  return `${props}\nbody { margin: 0; background: var(--sl-color-bg); }\n${style.replace(/:global\(([^)]+)\)/g, '$1')}`;
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

describe.each(['light', 'dark'] as const)('drawn in Chromium at a phone column, %s theme', (theme) => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  }, 60_000);
  afterAll(async () => browser?.close());

  async function draw(file: string) {
    const { svg } = loadDiagram(file);
    await page.setContent(`<!doctype html><html data-theme="${theme}"><head><style>${pageCss()}</style></head>`
      + `<body><figure class="diagram" style="width: 358px">${svg}</figure></body></html>`);
  }

  it.each(diagrams)('%s: labels stay inside the drawing and their boxes, and never overlap', async (file) => {
    await draw(file);
    const problems = await page.evaluate(() => {
      const root = document.querySelector('svg')!;
      const view = root.viewBox.baseVal;
      const texts = [...root.querySelectorAll('text')];
      const rects = [...root.querySelectorAll('rect')].map((r) => r.getBBox());
      const found: string[] = [];
      const inside = (a: DOMRect, b: DOMRect, pad: number) =>
        a.x >= b.x + pad && a.y >= b.y + pad && a.x + a.width <= b.x + b.width - pad && a.y + a.height <= b.y + b.height - pad;
      const boxes = texts.map((t) => {
        // getBBox ignores the rotate() a vertical label has; its box in the drawing is what a reader sees.
        const base = root.getScreenCTM()!.inverse().multiply(t.getScreenCTM()!);
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

  it.each(diagrams)('%s: text has 4.5:1 contrast and lines 3:1 against what they sit on', async (file) => {
    await draw(file);
    const problems = await page.evaluate(() => {
      // Any CSS colour (color-mix, color(srgb …)) to sRGB bytes, through a canvas.
      const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
      const rgb = (css: string) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
      };
      const luminance = (css: string) => {
        const [r, g, b] = rgb(css).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const contrast = (a: string, b: string) => {
        const [x, y] = [luminance(a), luminance(b)];
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
      };
      const root = document.querySelector('svg')!;
      const page = getComputedStyle(document.body).backgroundColor;
      const rects = [...root.querySelectorAll('rect')].map((r) => ({ box: r.getBBox(), fill: getComputedStyle(r).fill, el: r }));
      /** The fill under a point: the smallest rect holding it, other than `self`, else the page. */
      const under = (x: number, y: number, self?: Element) =>
        rects
          .filter((r) => r.el !== self && x > r.box.x && x < r.box.x + r.box.width && y > r.box.y && y < r.box.y + r.box.height)
          .sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height)[0]?.fill ?? page;
      const found: string[] = [];
      for (const t of root.querySelectorAll('text')) {
        const b = t.getBBox();
        const ratio = contrast(getComputedStyle(t).fill, under(b.x + b.width / 2, b.y + b.height / 2));
        if (ratio < 4.5) found.push(`"${t.textContent}" ${ratio.toFixed(2)}:1`);
      }
      for (const r of rects) {
        const ratio = contrast(getComputedStyle(r.el).stroke, under(r.box.x + 1, r.box.y + r.box.height / 2, r.el));
        if (ratio < 3) found.push(`edge of the box at ${r.box.x},${r.box.y}: ${ratio.toFixed(2)}:1`);
      }
      for (const line of root.querySelectorAll('path.arrow, path.arrow-accent')) {
        const b = (line as SVGPathElement).getBBox();
        const ratio = contrast(getComputedStyle(line).stroke, under(b.x + b.width / 2, b.y + b.height / 2));
        if (ratio < 3) found.push(`arrow at ${b.x},${b.y}: ${ratio.toFixed(2)}:1`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });
});
