import type { DomainErrorCode } from '../result.ts';
import { schemaRef } from './json-schema.ts';
import type { JsonSchema, Reference, Response } from './types.ts';

/**
 * The status of each error code, as lib/http/responses.ts answers it. `satisfies` keeps the two
 * in step: a code added to DomainErrorCode fails the typecheck here until it is documented.
 */
export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
} as const satisfies Record<DomainErrorCode, number>;

const ERROR_DESCRIPTION: Record<DomainErrorCode, string> = {
  validation: 'The input is not valid; `details.fieldErrors` holds the messages per field (`_form` for the whole body).',
  unauthenticated: 'No live session and no valid API token (a malformed, unknown or revoked token, or a disabled owner).',
  forbidden: 'The role may not do this, a write came from another site, or an API token tried what needs a signed-in browser.',
  not_found: 'No such object, or one the user may not see.',
  conflict: 'The object changed meanwhile or the change breaks a rule; `details.current` holds what the client needs to recover.',
  payload_too_large: 'The request body is larger than the route accepts.',
  unsupported_media_type: 'The body is not of a content type the route reads (JSON routes need `application/json`).',
  rate_limited: 'Too many attempts; `Retry-After` says when to try again.',
};

export const errorSchema: JsonSchema = {
  type: 'object',
  description: 'The one error shape of the API.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        // `internal` is the 500 of a bug, answered without a stack trace.
        code: { type: 'string', enum: [...Object.keys(ERROR_STATUS), 'internal'] },
        message: { type: 'string', description: 'For people: safe to show as it is.' },
        details: {
          type: 'object',
          properties: {
            fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
            current: { description: 'On a 409: the current state (e.g. the annotation, or `{ annotation, decision }` for a review).' },
          },
        },
      },
    },
  },
};

/** The shared error responses, one per code, referenced from each operation. */
export const errorResponses = Object.fromEntries(
  (Object.keys(ERROR_STATUS) as DomainErrorCode[]).map((code): [string, Response] => [
    code,
    { description: ERROR_DESCRIPTION[code], content: { 'application/json': { schema: schemaRef('Error') } } },
  ]),
) as Record<DomainErrorCode, Response>;

export function errorResponseRefs(codes: Iterable<DomainErrorCode>): Record<string, Reference> {
  const refs: Record<string, Reference> = {};
  for (const code of [...new Set(codes)].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b])) {
    refs[String(ERROR_STATUS[code])] = { $ref: `#/components/responses/${code}` };
  }
  return refs;
}
