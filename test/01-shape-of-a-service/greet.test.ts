import { describe, expect, it } from 'vitest';
import { greet } from '@exercise/01-shape-of-a-service/greet';
import { read, request } from '../../src/workbook/testing/http.ts';

const get = (query: string) => read(greet(request('GET', `/greet${query}`)));

describe('greet', () => {
  it('answers 200 with a JSON greeting', async () => {
    const res = await get('?name=Ada');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ greeting: 'Hello, Ada!' });
  });

  it('sets Content-Type: application/json', async () => {
    const res = await get('?name=Ada');
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  });

  it('trims surrounding whitespace from the name', async () => {
    expect((await get('?name=%20%20Ada%20')).json).toEqual({ greeting: 'Hello, Ada!' });
  });

  it('decodes percent-encoded names', async () => {
    expect((await get('?name=Zo%C3%AB')).json).toEqual({ greeting: 'Hello, Zoë!' });
  });

  it.each([
    ['missing', ''],
    ['empty', '?name='],
    ['whitespace only', '?name=%20%20%20'],
  ])('returns 400 with a JSON error when the name is %s', async (_label, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'name is required' });
  });

  it('accepts a name of exactly 50 characters', async () => {
    const res = await get(`?name=${'a'.repeat(50)}`);
    expect(res.status).toBe(200);
  });

  it('returns 400 for a name of 51 characters', async () => {
    const res = await get(`?name=${'a'.repeat(51)}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'name must be at most 50 characters' });
  });

  it('counts characters, not UTF-16 code units: 30 emoji are accepted', async () => {
    const res = await get(`?name=${encodeURIComponent('🦄'.repeat(30))}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ greeting: `Hello, ${'🦄'.repeat(30)}!` });
  });

  it('measures the name after trimming: 50 characters with spaces around them are accepted', async () => {
    const res = await get(`?name=${'%20'.repeat(30)}${'a'.repeat(50)}${'%20'.repeat(30)}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ greeting: `Hello, ${'a'.repeat(50)}!` });
  });

  // Django's len() counts code points. "👍🏽" is two of them (thumbs up and
  // a skin-tone modifier) but one grapheme, so counting graphemes with
  // Intl.Segmenter lets 26 of them (52 code points) through.
  it('counts code points as Python does: 25 "👍🏽" (50 code points) pass, 26 (52) are too long', async () => {
    expect((await get(`?name=${encodeURIComponent('👍🏽'.repeat(25))}`)).status).toBe(200);
    const res = await get(`?name=${encodeURIComponent('👍🏽'.repeat(26))}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'name must be at most 50 characters' });
  });

  it('rejects a 100 kB name without echoing it back', async () => {
    const res = await get(`?name=${'x'.repeat(100_000)}`);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(200);
  });

  it('keeps markup inert: the body is JSON, never HTML', async () => {
    const res = await get(`?name=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.headers.get('content-type')).not.toMatch(/html/);
    expect(res.json).toEqual({ greeting: 'Hello, <script>alert(1)</script>!' });
  });
});
