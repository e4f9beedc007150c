/**
 * Proofs for the "Check yourself" questions at the end of each chapter.
 * A proof runs the behaviour a question asks about and returns what it
 * observed, in the words of the question's choices; the test then asserts
 * that this is the answer the page reveals. The page and the test read the
 * same object (content/<chapter>/check-yourself.ts), so they cannot disagree.
 *
 *   const proof = proofsFor(chapterQuestions);
 *   proof('unknown-lang', async () => String(hello(req('/hello?lang=xx')).status));
 *   proof.everyQuestion();
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/components/check-yourself.ts';

type Observe = () => unknown;

export function proofsFor(list: readonly Question[]) {
  const proven = new Set<string>();
  const byId = new Map(list.map((q) => [q.id, q]));

  function proof(id: string, observe: Observe, timeout?: number) {
    const q = byId.get(id);
    if (!q) throw new Error(`check-yourself: no question "${id}" in this chapter`);
    if (proven.has(id)) throw new Error(`check-yourself: "${id}" is proven twice`);
    proven.add(id);
    it(`${id}: the page's answer, ${JSON.stringify(q.answer)}, is what the code does`, async () => {
      expect(await observe()).toBe(q.answer);
    }, timeout);
  }

  /** Registered last in a proof file: a question added to the page without a proof fails here. */
  proof.everyQuestion = () => {
    describe('check yourself', () => {
      it('every question on the page has a proof', () => {
        expect([...proven].sort()).toEqual([...byId.keys()].sort());
      });
    });
  };
  return proof;
}

/**
 * A JavaScript value as the choices name it: `"4"` (a string), `4` (a number),
 * `4n` (a bigint), `null`, `undefined`, or a Date. The quotes tell a string
 * from a number, which is what many questions are about.
 */
export function jsValue(value: unknown): string {
  if (typeof value === 'string') return `\`${JSON.stringify(value)}\` (a string)`;
  if (typeof value === 'number') return `\`${value}\` (a number)`;
  if (typeof value === 'bigint') return `\`${value}n\` (a bigint)`;
  if (value === null || value === undefined) return `\`${value}\``;
  if (value instanceof Date) return 'a `Date`';
  return `\`${JSON.stringify(value)}\``;
}
