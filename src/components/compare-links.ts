/**
 * Linked lines of a comparison: which Django lines correspond to which
 * TypeScript lines, declared on <Compare> as
 *
 *   links={[{ django: '4-5', ts: '6-7', label: 'the JOIN' }]}
 *
 * Line numbers count from 1 in the snippet as shown (the same numbers as
 * djangoMark / tsMark). A side may list several ranges (`ts: ['1-2', 6]`)
 * when one idea is spread over non-adjacent lines.
 *
 * Pure and checked at build time: Compare.astro calls `resolveLinks`, and a
 * declaration that points outside the snippet, at blank lines only, at lines
 * another link already claims, or has no label throws, failing the build
 * with the comparison's snippet references and the reason. The browser side
 * (CompareLinksScript.astro) receives only the resolved, valid form.
 */

export type LineSpec = number | string;
export interface LinkDecl {
  django: LineSpec | LineSpec[];
  ts: LineSpec | LineSpec[];
  label: string;
}

/** Inclusive, 1-based. */
export type Range = [from: number, to: number];
export interface Link {
  label: string;
  django: Range[];
  ts: Range[];
}

export type Side = 'django' | 'ts';
export const SIDES: readonly Side[] = ['django', 'ts'];

/** Long enough for "select_related ↔ the JOIN", short enough for a caption at 390 px. */
export const MAX_LABEL = 40;

/** '4-5' → [4, 5]; 7 or '7' → [7, 7]; anything else → the reason it is not a range. */
export function parseRange(spec: LineSpec): Range | string {
  const text = String(spec).trim();
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  if (!m) return `"${text}" is not a line number or a range like 4-5`;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1) return `line numbers start at 1 ("${text}")`;
  if (to < from) return `range ${text} runs backwards`;
  return [from, to];
}

export function formatRange([from, to]: Range): string {
  return from === to ? `${from}` : `${from}–${to}`;
}

/** "lines 4–5", "line 3", "lines 1–2 and 6". */
export function describeLines(ranges: Range[]): string {
  const single = ranges.length === 1 && ranges[0]![0] === ranges[0]![1];
  const parts = ranges.map(formatRange);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${single ? 'line' : 'lines'} ${list}`;
}

/**
 * Every problem with `decls` against the two snippets' code, one line each
 * ("link 2 (the JOIN): ts 14-15 is outside the snippet, which has 12 lines").
 * Empty when the declaration is sound.
 */
export function linkProblems(decls: unknown, code: Record<Side, string>): string[] {
  if (decls === undefined) return [];
  if (!Array.isArray(decls)) return ['links must be an array of { django, ts, label }'];
  const lines = { django: code.django.split('\n'), ts: code.ts.split('\n') };
  const claimed: Record<Side, Map<number, string>> = { django: new Map(), ts: new Map() };
  const problems: string[] = [];
  decls.forEach((decl: Partial<LinkDecl> | null, i) => {
    const name = `link ${i + 1}${typeof decl?.label === 'string' && decl.label.trim() ? ` (${decl.label.trim()})` : ''}`;
    if (decl === null || typeof decl !== 'object') {
      problems.push(`${name}: not an object { django, ts, label }`);
      return;
    }
    const label = typeof decl.label === 'string' ? decl.label.trim() : '';
    if (!label) problems.push(`${name}: has no label (say what the lines have in common, e.g. 'the JOIN')`);
    else if (label.length > MAX_LABEL) problems.push(`${name}: label is ${label.length} characters, at most ${MAX_LABEL}`);
    for (const side of SIDES) {
      const specs = decl[side] === undefined ? [] : Array.isArray(decl[side]) ? decl[side] : [decl[side]];
      if (specs.length === 0) problems.push(`${name}: no ${side} lines`);
      for (const spec of specs) {
        const range = parseRange(spec as LineSpec);
        if (typeof range === 'string') {
          problems.push(`${name}: ${side} ${range}`);
          continue;
        }
        const [from, to] = range;
        const total = lines[side].length;
        if (to > total) {
          problems.push(`${name}: ${side} ${spec} is outside the snippet, which has ${total} lines`);
          continue;
        }
        if (lines[side].slice(from - 1, to).every((l) => l.trim() === '')) problems.push(`${name}: ${side} ${spec} is only blank lines`);
        for (let n = from; n <= to; n++) {
          const owner = claimed[side].get(n);
          if (owner !== undefined) {
            problems.push(`${name}: ${side} line ${n} is already linked by ${owner}`);
            break;
          }
        }
        for (let n = from; n <= to; n++) claimed[side].set(n, name);
      }
    }
  });
  return problems;
}

/** The validated links, or an Error naming the comparison and every problem. */
export function resolveLinks(decls: LinkDecl[] | undefined, code: Record<Side, string>, where: string): Link[] {
  const problems = linkProblems(decls, code);
  if (problems.length > 0) throw new Error(`<Compare> ${where}: bad links\n  ${problems.join('\n  ')}`);
  return (decls ?? []).map((d) => ({
    label: d.label.trim(),
    django: toRanges(d.django),
    ts: toRanges(d.ts),
  }));
}

function toRanges(spec: LineSpec | LineSpec[]): Range[] {
  return (Array.isArray(spec) ? spec : [spec]).map((s) => parseRange(s) as Range).sort((a, b) => a[0] - b[0]);
}

/**
 * What a screen reader says for the link's control in `side`'s pane, e.g.
 * "Django lines 4–5, the JOIN: match SQL lines 6–7. Go there."
 */
export function announcement(link: Link, side: Side, labels: Record<Side, string>): string {
  const other: Side = side === 'django' ? 'ts' : 'django';
  const plural = link[side].length > 1 || link[side][0]![0] !== link[side][0]![1];
  return `${labels[side]} ${describeLines(link[side])}, ${link.label}: ${plural ? 'match' : 'matches'} ${labels[other]} ${describeLines(link[other])}. Go there.`;
}
