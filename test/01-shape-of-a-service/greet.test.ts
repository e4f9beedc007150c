import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greet } from '@exercise/01-shape-of-a-service/greet';
import { read, request } from '../../src/workbook/testing/http.ts';
import { checkProperty, type Verdict } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';

const get = async (query: string) => read(await greet(request('GET', `/greet${query}`)));

const REQUIRED = { error: 'name is required' };
const TOO_LONG = { error: 'name must be at most 50 characters' };

/**
 * Whitespace that Python's str.strip() and JavaScript's trim() both remove.
 * (They disagree on a few others — U+FEFF, U+0085, U+001C–U+001F — which
 * the generated names never contain, so the oracle below is Django's too.)
 */
const SPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

/** Pieces of a name: one code point (BMP or astral), several code points that read as one character, and text a URL must escape. */
const PIECES = [
  'a', 'Ada', 'O\'Brien', 'é', 'ß', 'Ω', '日本', 'ﬁ', // one code point each, one UTF-16 unit
  '🦄', '😀', '𝒜', '𠮷', // one code point, two UTF-16 units
  'e\u0301', '👍🏽', '👩‍💻', '🇫🇷', // several code points, one grapheme
  ' ', '  ', '\t', '+', '%', '%41', '%25', '&', '=', '#', '?', '<b>', '"', '\\', // escaped in a URL; spaces stay inside the name
];

/** What Django (and this exercise) make of a name: trimmed, counted in code points. */
function expected(name: string | null): { status: number; body: unknown } {
  const trimmed = (name ?? '').trim();
  const length = [...trimmed].length;
  if (length === 0) return { status: 400, body: REQUIRED };
  if (length > 50) return { status: 400, body: TOO_LONG };
  return { status: 200, body: { greeting: `Hello, ${trimmed}!` } };
}

/** Names of any length, and names whose trimmed length sits right at the limit of 50 code points. */
const anyName = fc
  .tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), fc.array(fc.constantFrom(...SPACE), { maxLength: 3 }), fc.array(fc.constantFrom(...SPACE), { maxLength: 3 }))
  .map(([pieces, before, after]) => before.join('') + pieces.join('') + after.join(''));
const nearTheLimit = fc
  .tuple(fc.constantFrom(...PIECES.filter((p) => p.trim() === p)), fc.integer({ min: 47, max: 53 }), fc.constantFrom('', ' ', '\t', '\u3000  '))
  .map(([piece, codePoints, pad]) => pad + [...piece.repeat(60)].slice(0, codePoints).join('') + pad);
const names = fc.oneof(anyName, nearTheLimit);

/** The query as a browser form (spaces as "+") or as encodeURIComponent writes it (spaces as %20). */
const encoded = fc.tuple(names, fc.constantFrom('form', 'percent', 'after another parameter'));
const queryFor = ([name, style]: [string, string]) =>
  style === 'form' ? `?${new URLSearchParams({ name })}` : `?${style === 'percent' ? '' : 'lang=en&'}name=${encodeURIComponent(name)}`;

/** Text as a learner can read it: visible characters as they are, spaces other than " ", marks and invisible ones as \u{…}. */
const visible = (text: string) =>
  `"${[...text].map((c) => (/^[\p{L}\p{N}\p{P}\p{S} ]$/u.test(c) && c !== '"' && c !== '\\' ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`)).join('')}"`;

/** `"👍🏽" × 26`: a long name as the repetition it is, then what is left over. */
function compact(text: string): string {
  const cps = [...text];
  for (let period = 1; period <= 8 && period * 3 <= cps.length; period++) {
    const repeats = Math.floor(cps.length / period);
    if (cps.slice(0, repeats * period).every((c, i) => c === cps[i % period])) {
      const rest = cps.slice(repeats * period).join('');
      return `${visible(cps.slice(0, period).join(''))} × ${repeats}${rest ? ` + ${visible(rest)}` : ''}`;
    }
  }
  return visible(text);
}

/** name=" " + "👍🏽" × 26 + "\u{9}" (52 code points after trimming) */
function describeName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return `name=${visible(name)} (blank)`;
  const start = name.indexOf(trimmed);
  const parts = [name.slice(0, start), trimmed, name.slice(start + trimmed.length)];
  const shown = parts.map((part, i) => (part === '' && i !== 1 ? '' : i === 1 ? compact(part) : visible(part))).filter(Boolean);
  return `name=${shown.join(' + ') || '""'} (${[...trimmed].length} code points after trimming)`;
}

/** A sentence when the response is not the expected one, naming what came back. */
async function judge(query: string, name: string | null): Promise<Verdict> {
  const want = expected(name);
  let res;
  try {
    res = await get(query);
  } catch (error) {
    return `made greet() throw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}; expected ${want.status} ${JSON.stringify(want.body)}`;
  }
  const got = `${res.status} ${res.text.length > 200 ? `${res.text.slice(0, 200)}…` : res.text}`;
  if (res.status !== want.status) return `was answered ${got}; expected ${want.status} ${JSON.stringify(want.body)}`;
  if (!/^application\/json\s*(;|$)/i.test(res.headers.get('content-type') ?? '')) return `was answered with content-type ${res.headers.get('content-type')}; expected application/json`;
  expect(res.json, `the body for ${query}`).toEqual(want.body);
}

describe('greet', () => {
  it('answers 200 with a JSON greeting', async () => {
    await expectResponse(await get('?name=Ada'), { status: 200, json: { equals: { greeting: 'Hello, Ada!' } } });
  });

  it.each([
    ['missing', ''],
    ['empty', '?name='],
    ['whitespace only', '?name=%20%20%20'],
  ])('returns 400 with a JSON error when the name is %s', async (_label, query) => {
    await expectResponse(await get(query), { status: 400, json: { equals: REQUIRED } });
  });

  it('returns 400 with a JSON error for a name of 51 characters', async () => {
    await expectResponse(await get(`?name=${'a'.repeat(51)}`), { status: 400, json: { equals: TOO_LONG } });
  });

  it('greets any name as sent, trimmed, and counts its characters as Python’s len() does (code points, not UTF-16 units or graphemes)', async () => {
    await checkProperty('a name is trimmed, then 1–50 code points are greeted as sent and more are a 400', encoded, ([name, style]) => judge(queryFor([name, style]), name), {
      show: (input) => {
        const query = queryFor(input);
        return `${describeName(input[0])}${query.length <= 60 ? `, sent as ${query}` : ''}`;
      },
      numRuns: 300,
    });
  });

  it('answers 400 "name is required" for a name of nothing but whitespace: tabs, newlines and Unicode spaces count too', async () => {
    await checkProperty('a blank name is a 400', fc.array(fc.constantFrom(...SPACE), { minLength: 1, maxLength: 6 }).map((s) => s.join('')), (name) =>
      judge(`?name=${encodeURIComponent(name)}`, name),
    { show: (name) => `name=${visible(name)}` });
  });

  // "+" is a space in a query string, and a broken escape is not the
  // client's crash to cause: request.GET (and URLSearchParams) replace bytes
  // that are not UTF-8 with "�".
  it('reads the query string as Django’s request.GET does: "Ada+Lovelace" is "Ada Lovelace", "%E0%A4%A" is "�%A"', async () => {
    expect(await judge('?name=Ada+Lovelace', 'Ada Lovelace')).toBeUndefined();
    expect(await judge('?name=%E0%A4%A', '\ufffd%A')).toBeUndefined();
    expect(await judge('?name=100%25', '100%')).toBeUndefined();
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`), fc.constantFrom('%', '%A', '%G1', '+', 'a')), { minLength: 1, maxLength: 10 });
    await checkProperty('the name is decoded as request.GET decodes it', bytes.map((parts) => parts.join('')), (raw) => {
      const name = new URLSearchParams(`name=${raw}`).get('name')!;
      // Skip the few characters where Python's strip() and trim() disagree.
      if (/[\u001c-\u001f\u0085\ufeff]/.test(name)) return;
      return judge(`?name=${raw}`, name);
    }, { show: (raw) => `?name=${raw}`, numRuns: 100 });
  });

  it('answers every request with a fresh body: the same name asked for twice, and requests in parallel, each get their own greeting', async () => {
    const names = ['Ada', 'Grace', 'Ada', 'Linus', 'Grace', 'Ada'];
    const all = await Promise.all(names.map((name) => get(`?name=${name}`)));
    all.forEach((res, i) => expect(res.json, `request ${i + 1} (name=${names[i]})`).toEqual({ greeting: `Hello, ${names[i]}!` }));
    for (const name of ['Ada', 'Ada']) expect((await get(`?name=${name}`)).json).toEqual({ greeting: 'Hello, Ada!' });
  });

  it('rejects a 100 kB name without echoing it back', async () => {
    const res = await expectResponse(await get(`?name=${'x'.repeat(100_000)}`), { status: 400, json: { equals: TOO_LONG } });
    expect(res.text.length).toBeLessThan(200);
  });

  it('keeps markup inert: the body is JSON, never HTML', async () => {
    await expectResponse(await get(`?name=${encodeURIComponent('<script>alert(1)</script>')}`), {
      status: 200,
      json: { equals: { greeting: 'Hello, <script>alert(1)</script>!' } },
    });
  });
});
