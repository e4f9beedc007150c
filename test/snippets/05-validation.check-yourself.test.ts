/**
 * Proofs of chapter 5's "Check yourself" answers
 * (content/05-validation/check-yourself.ts): each runs the behaviour the
 * question asks about and must observe the answer the page shows.
 */
import questions from '../../content/05-validation/check-yourself.ts';
import { CoercedCents, Stripping } from '../../content/05-validation/snippets/pitfalls.ts';
import { createInvoice } from '../../content/05-validation/snippets/handler.ts';
import { jsValue, proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

proof('coerce-true', () => {
  const result = CoercedCents.safeParse(true);
  return result.success ? `\`{ success: true, data: ${JSON.stringify(result.data)} }\`` : '`{ success: false }`';
});

proof('object-strips', () => `\`${JSON.stringify(Stripping.parse({ amount_cents: 5, owner_id: 2 }))}\``);

proof('string-cents', async () => {
  let stored = false;
  const handler = createInvoice(async (_owner, data) => {
    stored = true;
    return { ...data, id: 1, status: 'draft' };
  });
  const res = await handler(
    new Request('http://test/invoices', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ customer_id: 1, amount_cents: '100', currency: 'EUR' }),
    }),
    { user: { id: 1 } },
  );
  // A refused body never reaches the store.
  return stored ? `stored, ${res.status}` : String(res.status);
});

proof('repeated-key', () => {
  const values = new URLSearchParams('?status=sent&status=paid').get('status');
  return jsValue(values);
});

proof.everyQuestion();
