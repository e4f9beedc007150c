/**
 * Code first: JSON Schema and an OpenAPI 3.1 document generated from
 * the zod schemas the handlers already use.
 */
import { z } from 'zod';
import { CreateInvoice } from './schema.ts';

// #region error-schema
export const ValidationFailed = z.strictObject({
  error: z.literal('validation_failed'),
  fields: z.array(
    z.strictObject({ path: z.string(), message: z.string() }),
  ),
});
// #endregion

// #region generate
// io: 'input' describes what a client may send: memo is optional
// because it has a default. The output side would list it required.
function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

export const document = {
  openapi: '3.1.0',
  info: { title: 'Billing API', version: '1.0.0' },
  paths: {
    '/invoices': {
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: jsonSchema(CreateInvoice, 'input'),
            },
          },
        },
        responses: {
          '201': { description: 'The new invoice' },
          '422': {
            description: 'The body is JSON but breaks the schema',
            content: {
              'application/json': {
                schema: jsonSchema(ValidationFailed, 'output'),
              },
            },
          },
        },
      },
    },
  },
};
// #endregion

// #region produced
// What document.paths['/invoices'].post.requestBody…schema holds.
// The chapter's tests compare it with the generated value.
export const producedRequestSchema = {
  type: 'object',
  properties: {
    customer_id: {
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 9007199254740991,
    },
    amount_cents: { type: 'integer', minimum: 1, maximum: 100000000 },
    currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
    memo: { type: 'string', maxLength: 500, default: '' },
  },
  required: ['customer_id', 'amount_cents', 'currency'],
  additionalProperties: false,
};
// #endregion
