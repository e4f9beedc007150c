/**
 * POST /invoices, validation half. Storing the row (scoped to the
 * owner's customers) is the create-invoice exercise, so here it is a
 * function the handler receives: a fake in tests, SQL in production.
 */
import { parseJsonBody, problem } from './body.ts';
import { CreateInvoice } from './schema.ts';

export interface InvoiceRow extends CreateInvoice {
  id: number;
  status: string;
}

/** Returns null when the customer is not one of the owner's. */
export type StoreInvoice = (
  ownerId: number,
  data: CreateInvoice,
) => Promise<InvoiceRow | null>;

export interface Ctx {
  user: { id: number };
}

// #region handler
export const MAX_BODY_BYTES = 64 * 1024;

export function createInvoice(store: StoreInvoice) {
  return async (request: Request, ctx: Ctx): Promise<Response> => {
    const body = await parseJsonBody(request, CreateInvoice, {
      maxBytes: MAX_BODY_BYTES,
    });
    if (!body.ok) return body.response;

    // body.data is a CreateInvoice: amount_cents is a number here,
    // and body.data.amount is a compile error.
    const row = await store(ctx.user.id, body.data);
    if (!row) {
      return problem(422, 'validation_failed', [
        { path: 'customer_id', message: 'Unknown customer' },
      ]);
    }
    return Response.json(row, { status: 201 });
  };
}
// #endregion
