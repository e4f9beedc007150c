/**
 * Linked lines of a comparison (src/components/compare-links.ts): the
 * build-time validation that stops a wrong declaration, what a screen reader
 * is told, and every declaration in the content against its real snippets.
 */
import { describe, expect, it } from 'vitest';
import { allComparisons, comparisonsIn } from '../../src/components/compare-links-content.ts';
import { announcement, describeLines, linkProblems, parseRange, resolveLinks, type LinkDecl } from '../../src/components/compare-links.ts';
import { loadSnippet } from '../../src/snippets.ts';

const code = {
  django: ['def detail(request, pk):', '    invoice = get(pk)', '', '    return JsonResponse(invoice)'].join('\n'),
  ts: ['export async function detail(c) {', '  const invoice = await get(c.req.param("id"));', '', '  return c.json(invoice);', '}'].join('\n'),
};
const ok: LinkDecl[] = [
  { django: 2, ts: 2, label: 'the lookup' },
  { django: '4', ts: ['4', 5], label: 'the response' },
];

describe('parseRange', () => {
  it('reads a line, a range and a number', () => {
    expect(parseRange(7)).toEqual([7, 7]);
    expect(parseRange('4-5')).toEqual([4, 5]);
    expect(parseRange(' 4 - 5 ')).toEqual([4, 5]);
  });
  it('says why something is not a range', () => {
    expect(parseRange('5-4')).toMatch(/backwards/);
    expect(parseRange(0)).toMatch(/start at 1/);
    expect(parseRange('4..5')).toMatch(/not a line number/);
    expect(parseRange('')).toMatch(/not a line number/);
  });
});

describe('linkProblems', () => {
  it('accepts a sound declaration, and no declaration at all', () => {
    expect(linkProblems(ok, code)).toEqual([]);
    expect(linkProblems(undefined, code)).toEqual([]);
  });
  it('rejects ranges outside the snippet', () => {
    expect(linkProblems([{ django: '3-9', ts: 1, label: 'x' }], code)).toEqual(['link 1 (x): django 3-9 is outside the snippet, which has 4 lines']);
    expect(linkProblems([{ django: 1, ts: 6, label: 'x' }], code)).toEqual(['link 1 (x): ts 6 is outside the snippet, which has 5 lines']);
  });
  it('rejects a range of blank lines only, but not a range that includes a blank line', () => {
    expect(linkProblems([{ django: 3, ts: 1, label: 'x' }], code)).toEqual(['link 1 (x): django 3 is only blank lines']);
    expect(linkProblems([{ django: '2-4', ts: '2-4', label: 'x' }], code)).toEqual([]);
  });
  it('rejects lines claimed by two links on one side, and within one link', () => {
    expect(linkProblems([...ok, { django: '1-2', ts: 1, label: 'again' }], code)).toEqual(['link 3 (again): django line 2 is already linked by link 1 (the lookup)']);
    expect(linkProblems([{ django: 1, ts: ['1-2', 2], label: 'x' }], code)).toEqual(['link 1 (x): ts line 2 is already linked by link 1 (x)']);
  });
  it('allows the same line number on the two sides', () => {
    expect(linkProblems([{ django: 1, ts: 1, label: 'a' }, { django: 2, ts: 2, label: 'b' }], code)).toEqual([]);
  });
  it('requires a short label and both sides', () => {
    expect(linkProblems([{ django: 1, ts: 1, label: '  ' }], code)).toEqual([expect.stringMatching(/^link 1: has no label/)]);
    expect(linkProblems([{ django: 1, ts: 1 }], code)).toEqual([expect.stringMatching(/^link 1: has no label/)]);
    expect(linkProblems([{ django: 1, ts: 1, label: 'x'.repeat(41) }], code)).toEqual([expect.stringMatching(/label is 41 characters, at most 40/)]);
    expect(linkProblems([{ django: 1, label: 'x' }], code)).toEqual(['link 1 (x): no ts lines']);
    expect(linkProblems([{ django: [], ts: 1, label: 'x' }], code)).toEqual(['link 1 (x): no django lines']);
  });
  it('rejects what is not a list of objects', () => {
    expect(linkProblems({ django: 1 }, code)).toEqual(['links must be an array of { django, ts, label }']);
    expect(linkProblems([null], code)).toEqual(['link 1: not an object { django, ts, label }']);
  });
});

describe('resolveLinks', () => {
  it('returns sorted ranges and trimmed labels', () => {
    expect(resolveLinks([{ django: 2, ts: [5, '2-4'], label: ' the lookup ' }], code, 'here')).toEqual([{ label: 'the lookup', django: [[2, 2]], ts: [[2, 4], [5, 5]] }]);
  });
  it('fails with the comparison and every reason, which is what fails the build', () => {
    expect(() => resolveLinks([{ django: 9, ts: 1, label: '' }], code, 'a.py#x ↔ b.ts#y')).toThrow(
      /^<Compare> a\.py#x ↔ b\.ts#y: bad links\n {2}link 1: has no label.*\n {2}link 1: django 9 is outside the snippet, which has 4 lines$/,
    );
  });
});

describe('what is announced', () => {
  const labels = { django: 'Django', ts: 'SQL' };
  it('names both sides\' lines and the label, from each side', () => {
    const [link] = resolveLinks([{ django: '4-5', ts: [2, 7], label: 'the JOIN' }], { django: 'a\nb\nc\nd\ne', ts: '1\n2\n3\n4\n5\n6\n7' }, 'x');
    expect(announcement(link!, 'django', labels)).toBe('Django lines 4–5, the JOIN: match SQL lines 2 and 7. Go there.');
    expect(announcement(link!, 'ts', labels)).toBe('SQL lines 2 and 7, the JOIN: match Django lines 4–5. Go there.');
  });
  it('uses the singular for one line', () => {
    const [link] = resolveLinks([{ django: 1, ts: 1, label: 'it' }], { django: 'a', ts: 'b' }, 'x');
    expect(announcement(link!, 'django', labels)).toBe('Django line 1, it: matches SQL line 1. Go there.');
    expect(describeLines([[1, 2], [4, 4], [6, 9]])).toBe('lines 1–2, 4 and 6–9');
  });
});

describe('reading <Compare> tags', () => {
  it('reads string and expression attributes, one per line or all on one', () => {
    const mdx = `text\n\n<Compare\n  django="a.py#x"\n  ts="b.ts#y"\n  tsMark={[3, '5-7']}\n  links={[{ django: '1-2', ts: 3, label: 'it: {braces}' }]}\n/>\n\n<Compare django="c.py" ts="d.ts" />\n`;
    expect(comparisonsIn(mdx, 'ch.mdx')).toEqual([
      { where: 'ch.mdx:3', attrs: { django: 'a.py#x', ts: 'b.ts#y', tsMark: [3, '5-7'], links: [{ django: '1-2', ts: 3, label: 'it: {braces}' }] } },
      { where: 'ch.mdx:10', attrs: { django: 'c.py', ts: 'd.ts' } },
    ]);
  });
  it('refuses what it cannot read instead of skipping it', () => {
    expect(() => comparisonsIn('<Compare django="a" ts />', 'x.mdx')).toThrow(/x\.mdx:1: cannot read/);
  });
});

describe('the links declared in the content', () => {
  const comparisons = allComparisons();
  it('finds every comparison (37 in the chapters, one on the home page)', () => {
    expect(comparisons.length).toBeGreaterThanOrEqual(38);
    expect(comparisons.filter((c) => c.where.startsWith('src/components/HomeTeaser.astro'))).toHaveLength(1);
  });
  it.each(comparisons.map((c) => [c.where, c] as const))('%s: declares links, and they fit its snippets', (_, c) => {
    const snippets = { django: loadSnippet(String(c.attrs.django)).code, ts: loadSnippet(String(c.attrs.ts)).code };
    expect(c.attrs.links, 'every comparison says which lines correspond').toBeDefined();
    expect(linkProblems(c.attrs.links, snippets)).toEqual([]);
    expect((c.attrs.links as unknown[]).length).toBeGreaterThan(0);
  });
});
