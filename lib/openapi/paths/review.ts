import { bulkReviewSchema, reviewQueueQuerySchema } from '@/lib/review/schemas.ts';
import { arrayOf, objectOf, queryParameters, requestSchema, schemaRef } from '@/lib/openapi/json-schema.ts';
import { jsonContent, jsonRef, operation } from '@/lib/openapi/operation.ts';
import type { Paths } from '@/lib/openapi/model.ts';

const tag = 'Review';

// Declarative OpenAPI specs, spelled out per path like the other files here: each reads on its own.
export const reviewPaths: Paths = {
  '/api/review/queue': {
    get: operation({
      operationId: 'listReviewQueue',
      summary: 'Pending annotations of others, oldest first (reviewer or admin)',
      description: "`from`/`to` are whole UTC days of creation. `context` is the rest of the quote's sentence on each side.",
      tag,
      parameters: queryParameters(reviewQueueQuerySchema, { descriptions: { cursor: 'The `nextCursor` of the previous page (opaque).' } }),
      responses: { '200': jsonRef('A page of the queue.', 'ReviewQueuePage') },
      errors: ['validation'],
    }),
  },
  '/api/review/bulk': {
    post: operation({
      operationId: 'bulkApprove',
      summary: 'Approve several annotations at once (reviewer or admin)',
      description: 'Each item is approved on its own; a failed item does not stop the others.',
      tag,
      jsonBody: requestSchema(bulkReviewSchema),
      responses: {
        '200': jsonContent(
          'One result per item, in the order sent.',
          objectOf({
            results: arrayOf({
              oneOf: [
                objectOf({ id: { type: 'string' }, ok: { const: true }, annotation: schemaRef('Annotation') }),
                objectOf({ id: { type: 'string' }, ok: { const: false }, code: { type: 'string' }, message: { type: 'string' }, current: {} }, ['current']),
              ],
            }),
          }),
        ),
      },
    }),
  },
};
