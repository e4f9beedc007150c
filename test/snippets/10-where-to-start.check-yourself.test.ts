/**
 * Proofs of chapter 10's "Check yourself" answers
 * (content/10-where-to-start/check-yourself.ts): the strangler rule, the
 * shadow comparison, and the responses recorded from the real Django view
 * (test/10-where-to-start/recorded/expense-list.json, which the Django suite
 * fails on when stale).
 */
import { readFileSync } from 'node:fs';
import questions from '../../content/10-where-to-start/check-yourself.ts';
import { chooseSide, sessionKey, type Handler, type StranglerOptions } from '../../content/10-where-to-start/snippets/proxy.ts';
import { shadow } from '../../content/10-where-to-start/snippets/compare.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

const SIDE = { modern: 'the TypeScript service', legacy: 'Django' } as const;
const options = (percent: number): StranglerOptions => ({
  legacy: async () => new Response('legacy'),
  modern: async () => new Response('modern'),
  routes: [{ method: 'GET', prefix: '/api/expenses/', percent }],
  stickyKey: sessionKey,
});
const asUser = (session: string, path = '/api/expenses/') => request('GET', path, { headers: { cookie: `sessionid=${session}` } });

proof('prefix-boundary', () => SIDE[chooseSide(options(100), asUser('s1', '/api/expenses-report/'))]);

proof('raise-share', () => {
  // Every user the 10 % route sends to the new side, among 2,000 sessions.
  const early = Array.from({ length: 2_000 }, (_, i) => `session-${i}`).filter((s) => chooseSide(options(10), asUser(s)) === 'modern');
  if (early.length < 100) return `only ${early.length} early users: the sample proves nothing`;
  const later = new Set(early.map((s) => chooseSide(options(50), asUser(s))));
  if (later.size === 1 && later.has('modern')) return 'the TypeScript service, always';
  return later.has('modern') ? 'either side: the draw is made again' : 'Django, until their session ends';
});

proof('shadow-wait', async () => {
  const events: string[] = [];
  const gate = Promise.withResolvers<void>();
  const compared = Promise.withResolvers<void>();
  const django: Handler = async () => Response.json({ amount: '12.50' });
  // The new side is held until the test releases it: a 5-second answer, without sleeping.
  const slowPort: Handler = async () => {
    await gate.promise;
    return Response.json({ amount: 12.5 });
  };
  const answered = shadow(django, slowPort, () => {
    events.push('comparison');
    compared.resolve();
  })(request('GET', '/api/expenses/')).then(() => events.push('response'));
  // Let whichever can finish, finish, then release the new side.
  await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 200))]);
  gate.resolve();
  await Promise.all([answered, compared.promise]);
  return events[0] === 'response' ? 'the user’s response: it never waits for the new side' : 'the comparison: the response waits for both answers';
});

proof('django-microsecond', () => {
  type Recorded = { user: string | null; body: { results?: { description: string; spent_at: string }[] } | null };
  const recorded = JSON.parse(readFileSync('test/10-where-to-start/recorded/expense-list.json', 'utf8')) as Recorded[];
  const seed = JSON.parse(readFileSync('test/fixtures/10-expenses.json', 'utf8')) as { expenses: { owner: string; description: string; spent_at: string }[] };
  // The question's row, as seeded: one microsecond past the second.
  const row = seed.expenses.find((e) => e.spent_at === '2026-01-26T07:00:00.000001+00:00');
  if (!row) return 'the seed no longer has the question’s row';
  const written = recorded
    .filter((r) => r.user === row.owner)
    .flatMap((r) => r.body?.results ?? [])
    .find((e) => e.description === row.description);
  return written ? `\`${JSON.stringify(written.spent_at)}\`` : 'no recorded response shows that row';
});

proof.everyQuestion();
