/**
 * The request body for POST /invoices, declared once. The same value is
 * the runtime check (CreateInvoice.safeParse) and, through z.infer, the
 * static type the handler works with.
 */
import { z } from 'zod';

// #region schema
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
// customer_id is a bigint id: z.int() is exactly the safe integers.

export const CreateInvoice = z.strictObject({
  customer_id: z.int().positive(),
  amount_cents: z.int().min(1).max(100_000_000),
  currency: z.enum(CURRENCIES),
  memo: z.string().max(500).default(''),
});

export type CreateInvoice = z.infer<typeof CreateInvoice>;
// #endregion

// #region spelled-out
// What z.infer<typeof CreateInvoice> works out, written by hand.
// The chapter's tests check that the two types are identical.
export interface CreateInvoiceByHand {
  customer_id: number;
  amount_cents: number;
  currency: 'EUR' | 'USD' | 'GBP';
  memo: string;
}

// What a client may send: memo is optional on the way in.
export type CreateInvoiceInput = z.input<typeof CreateInvoice>;
// #endregion
