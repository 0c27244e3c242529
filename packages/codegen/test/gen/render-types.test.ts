// renderTypes is openapi-typescript with our options. The one that matters for callers: a property with a
// `default` stays optional unless the schema lists it as required (openapi-typescript's own default,
// defaultNonNullable: true, would force callers to send a value the server fills in anyway).
import { describe, expect, it } from 'vitest';
import { renderTypes } from '../../src/gen/render-types.js';

/** A one-operation spec whose request body and 200 response both use `schema`. */
function specWith(schema: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'render-types test', version: '1' },
    paths: {
      '/invoices': {
        post: {
          operationId: 'createInvoice',
          requestBody: { required: true, content: { 'application/json': { schema } } },
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema } } },
          },
        },
      },
    },
  };
}

/** The generated line for `property` inside the inline schema (both request and response use it). */
function propertyLines(source: string, property: string): string[] {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${property}:`) || line.startsWith(`${property}?:`));
}

describe('renderTypes', () => {
  it.each([
    {
      name: 'optional property with a default stays optional',
      given: { type: 'object', properties: { currency: { type: 'string', enum: ['PKR'], default: 'PKR' } } },
      want: 'currency?: "PKR";',
    },
    {
      name: 'required property with a default stays required',
      given: {
        type: 'object',
        required: ['currency'],
        properties: { currency: { type: 'string', enum: ['PKR'], default: 'PKR' } },
      },
      want: 'currency: "PKR";',
    },
    {
      name: 'optional integer with a default stays optional',
      given: { type: 'object', properties: { scale: { type: 'integer', default: 8 } } },
      want: 'scale?: number;',
    },
    {
      name: 'optional property without a default is optional',
      given: { type: 'object', properties: { note: { type: 'string' } } },
      want: 'note?: string;',
    },
  ])('$name', async ({ given, want }) => {
    const source = await renderTypes(specWith(given));
    const property = want.slice(0, want.search(/\??:/));
    const lines = propertyLines(source, property);
    // Once for the request body and once for the response: same schema, same rule.
    expect(lines).toEqual([want, want]);
  });
});
