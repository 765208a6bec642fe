import { errorStatus } from '@/lib/http/error-shape.ts';
import type { DomainErrorCode } from '@/lib/result.ts';
import { schemaRef } from './json-schema.ts';
import type { JsonSchema, Reference, ResponseObject } from './model.ts';

/** Every error code (the Record type makes a new DomainErrorCode fail the typecheck until it is described). */
const ERROR_DESCRIPTION: Record<DomainErrorCode, string> = {
  validation: 'The input is not valid; `details.fieldErrors` holds the messages per field (`_form` for the whole body).',
  unauthenticated: 'No live session and no valid API token (a malformed, unknown or revoked token, or a disabled owner).',
  forbidden: 'The role may not do this, a write came from another site, or an API token tried what needs a signed-in browser.',
  not_found: 'No such object, or one the user may not see; also any path under `/api` that is no endpoint.',
  method_not_allowed: 'The path exists but does not serve this method; `Allow` lists the ones it does.',
  conflict: 'The object changed meanwhile or the change breaks a rule; `details.current` holds what the client needs to recover.',
  payload_too_large: 'The request body is larger than the route accepts.',
  unsupported_media_type: 'The body is not of a content type the route reads (JSON routes need `application/json`).',
  rate_limited: 'Too many attempts; `Retry-After` says when to try again.',
  idempotency_mismatch: 'The `Idempotency-Key` was already used by this user, within 24 hours, for another request (method, path or body).',
  unavailable:
    'The database cannot be reached just now (a restart, an outage); a write cut off while it ran may or may not have been committed. `Retry-After` says when to try again.',
  internal: 'A bug on the server; `message` holds a reference to quote, never the stack trace (that goes to the server log).',
};
const ERROR_CODES = Object.keys(ERROR_DESCRIPTION) as DomainErrorCode[];

/** The statuses errorResponse answers with, so the document cannot drift from what the routes answer. */
const statusOf = errorStatus;

export const errorSchema: JsonSchema = {
  type: 'object',
  description: 'The one error shape of the API.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ERROR_CODES },
        message: { type: 'string', description: 'For people: safe to show as it is.' },
        details: {
          type: 'object',
          properties: {
            fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
            current: { description: 'On a 409: the current state (e.g. the annotation, or `{ annotation, decision }` for a review).' },
            entity: { type: 'string', description: 'On the 409 of a retried write that was already carried out: the kind of object it wrote.' },
            entityId: { type: 'string', description: "With `entity`: that object's id." },
          },
        },
      },
    },
  },
};

/** The shared error responses, one per code, referenced from each operation. */
export const errorResponses = Object.fromEntries(
  ERROR_CODES.map((code): [string, ResponseObject] => [
    code,
    { description: ERROR_DESCRIPTION[code], content: { 'application/json': { schema: schemaRef('Error') } } },
  ]),
) as Record<DomainErrorCode, ResponseObject>;

export function errorResponseRefs(codes: Iterable<DomainErrorCode>): Record<string, Reference> {
  const refs: Record<string, Reference> = {};
  for (const code of [...new Set(codes)].sort((a, b) => statusOf(a) - statusOf(b))) {
    refs[String(statusOf(code))] = { $ref: `#/components/responses/${code}` };
  }
  return refs;
}
