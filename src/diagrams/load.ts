/**
 * Diagrams are hand-written SVG files beside the chapter they explain
 * (content/<chapter>/diagrams/<name>.svg), inlined into the page at build
 * time: no client JavaScript, and the drawing inherits the page's colours.
 *
 * The source draws with classes (box, accent, arrow, muted, code…) and never
 * with fixed colours; src/components/Diagram.astro maps those classes to
 * Starlight's theme variables, so one file reads in light and dark mode.
 *
 * loadDiagram() refuses a source without a <title> and a <desc> (the text
 * alternative a screen reader announces), and makes its ids unique per
 * diagram so two drawings on one page cannot share an arrowhead by accident.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

export interface Diagram {
  /** The inline <svg> element, ready for set:html. */
  svg: string;
  title: string;
  desc: string;
  /** The drawing's own width in CSS px (its viewBox width). */
  width: number;
}

/** Colours a source may not hard-code: they would vanish in one of the two themes. */
const FIXED_COLOUR = /\b(?:fill|stroke|color|stop-color)\s*[=:]\s*"?\s*(?:#[0-9a-f]{3,8}|rgb|hsl|black|white|gr[ae]y|red|blue|green)\b/i;

export function loadDiagram(ref: string, contentRoot = resolve(process.cwd(), 'content')): Diagram {
  const source = readFileSync(resolve(contentRoot, ref), 'utf8');
  const fail = (why: string): never => {
    throw new Error(`diagram ${ref}: ${why}`);
  };
  const open = /<svg\b[^>]*>/.exec(source)?.[0] ?? fail('no <svg> element');
  const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(open) ?? fail('the <svg> needs viewBox="0 0 W H"');
  const title = /<title>([^<]+)<\/title>/.exec(source)?.[1]?.trim() || fail('no <title> (the short name a screen reader announces)');
  const desc = /<desc>([^<]+)<\/desc>/.exec(source)?.[1]?.trim() || fail('no <desc> (the text alternative: what the drawing shows)');
  if (FIXED_COLOUR.test(source)) fail(`a fixed colour (${FIXED_COLOUR.exec(source)?.[0]}): draw with the classes Diagram.astro styles`);
  if (/<(?:script|foreignObject|image)\b|\son\w+=/i.test(source)) fail('scripts, event handlers, foreignObject and images are not allowed');

  // Prefix every id (and every reference to one) with the file's name.
  const prefix = `dg-${basename(ref, '.svg')}-`;
  let body = source
    .replace(/<\?xml[^>]*>\s*/, '')
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`)
    .replace(/<title>/, `<title id="${prefix}title">`)
    .replace(/<desc>/, `<desc id="${prefix}desc">`);
  // role="img" makes the drawing one image whose name is the title and whose
  // description is the desc; the individual labels inside are not read twice.
  body = body.replace(
    /<svg\b/,
    `<svg role="img" aria-labelledby="${prefix}title" aria-describedby="${prefix}desc" focusable="false"`,
  );
  return { svg: body.trim(), title, desc, width: Number(viewBox[1]) };
}
