/**
 * Finds every <Compare> in the site's sources (the chapters' MDX and
 * HomeTeaser.astro) with its attributes, so a test can check each
 * comparison's `links` against its real snippets without building the site
 * (test/runtime/compare-links.test.ts). Attributes are read as written:
 * strings verbatim, {…} expressions evaluated as plain literals (they hold
 * only numbers, strings, arrays and objects).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';

export interface Comparison {
  /** file:line of the tag, for messages. */
  where: string;
  attrs: Record<string, unknown>;
}

/** The chapters' MDX files and the one component that renders a comparison of its own. */
export function comparisonSources(root = process.cwd()): string[] {
  const content = resolve(root, 'content');
  const chapters = readdirSync(content, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => join(content, d.name, 'index.mdx'));
  return [...chapters.sort(), resolve(root, 'src/components/HomeTeaser.astro')];
}

export function comparisonsIn(source: string, file: string): Comparison[] {
  const found: Comparison[] = [];
  for (const tag of source.matchAll(/<Compare(\s+(?=[A-Za-z]\w*=)[\s\S]*?)\/>/g)) {
    const line = source.slice(0, tag.index).split('\n').length;
    found.push({ where: `${file}:${line}`, attrs: attributes(tag[1]!, `${file}:${line}`) });
  }
  return found;
}

function attributes(text: string, where: string): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  let i = 0;
  while (i < text.length) {
    const name = /^\s*([A-Za-z]\w*)=/.exec(text.slice(i));
    if (!name) {
      if (text.slice(i).trim()) throw new Error(`${where}: cannot read <Compare> attributes at "${text.slice(i, i + 30).trim()}"`);
      break;
    }
    i += name[0].length;
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      attrs[name[1]!] = text.slice(i + 1, end);
      i = end + 1;
    } else if (text[i] === '{') {
      const end = closingBrace(text, i);
      attrs[name[1]!] = runInNewContext(`(${text.slice(i + 1, end)})`, {});
      i = end + 1;
    } else throw new Error(`${where}: attribute ${name[1]} has neither "…" nor {…}`);
  }
  return attrs;
}

/** Index of the } that closes the { at `open`, skipping quoted strings. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed { in <Compare> attributes`);
}

export function allComparisons(root = process.cwd()): Comparison[] {
  return comparisonSources(root).flatMap((file) => comparisonsIn(readFileSync(file, 'utf8'), file.slice(root.length + 1)));
}
