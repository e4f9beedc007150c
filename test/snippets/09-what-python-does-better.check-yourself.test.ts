/**
 * Proofs of chapter 9's "Check yourself" answers
 * (content/09-what-python-does-better/check-yourself.ts): the forecast
 * client against fake Python services.
 */
import { ZodError } from 'zod';
import questions from '../../content/09-what-python-does-better/check-yourself.ts';
import { getForecast } from '../../content/09-what-python-does-better/snippets/forecast-client.ts';
import { jsValue, proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

const never = new AbortController().signal;
const answering = (status: number, body: unknown) => async () => Response.json(body, { status });

/** What a call came to, in the words of the choices. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    const value = await call;
    return value === null ? '`null`' : `returns ${jsValue((value as { next_month_cents: unknown }).next_month_cents)}`;
  } catch (error) {
    if (error instanceof ZodError) return 'rejects with a `ZodError`';
    const { name } = error as Error;
    return `it rejects with ${/^[AEIOU]/.test(name) ? 'an' : 'a'} \`${name}\``;
  }
}

proof('decimal-string', () =>
  outcome(getForecast('http://py', 1, never, { fetcher: answering(200, { customer_id: 1, months: 3, next_month_cents: '152997.00' }) })),
);

proof('not-enough-history', () => outcome(getForecast('http://py', 2, never, { fetcher: answering(422, { error: 'not_enough_history' }) })));

proof('hanging', () => {
  // Connected, never answers: only the request's signal can end the wait.
  const hanging = (_url: URL | RequestInfo, init?: RequestInit) =>
    new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
  return outcome(getForecast('http://py', 1, never, { fetcher: hanging, timeoutMs: 30 }));
});

proof.everyQuestion();
