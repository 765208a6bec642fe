import { entityIdSchema } from '@/lib/ids.ts';
import type { DomainErrorCode } from '@/lib/result.ts';
import { errorResponseRefs } from './errors.ts';
import { requestSchema, schemaRef } from './json-schema.ts';
import type { JsonSchema, Operation, Parameter, RequestBody, ResponseObject } from './model.ts';

/** Who may call: the document's global security (session or token), nobody in particular, or a signed-in browser only. */
export type Access = 'signed-in' | 'public' | 'session-only';

export interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access?: Access;
  parameters?: Parameter[];
  /** A body read with readJsonBody, which also answers 400, 413 and 415. */
  jsonBody?: JsonSchema;
  /** A body the route reads by hand (uploads, NDJSON). */
  requestBody?: RequestBody;
  responses: Record<string, ResponseObject>;
  /** Error codes beyond those the access, the path and the body imply. */
  errors?: DomainErrorCode[];
}

/**
 * One operation with the errors every route of its sort answers: 401, 403 and 503 behind authorizeApi
 * (403 also for a cross-site write), 404 for an unknown path id, and readJsonBody's 400, 413, 415.
 */
export function operation(spec: OperationSpec): Operation {
  const access = spec.access ?? 'signed-in';
  // Every route runs inside apiHandler, which answers a bug with 500 internal.
  const codes: DomainErrorCode[] = [...(spec.errors ?? []), 'internal'];
  // Behind authorizeApi every request reads the database, so every one can meet an outage.
  if (access !== 'public') codes.push('unauthenticated', 'forbidden', 'unavailable');
  if (spec.parameters?.some((p) => p.in === 'path')) codes.push('not_found');
  if (spec.jsonBody) codes.push('validation', 'payload_too_large', 'unsupported_media_type');
  const requestBody = spec.jsonBody ? { required: true, content: { 'application/json': { schema: spec.jsonBody } } } : spec.requestBody;
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(access === 'public' ? { security: [] } : access === 'session-only' ? { security: [{ sessionCookie: [] }] } : {}),
    ...(spec.parameters?.length ? { parameters: spec.parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: { ...spec.responses, ...errorResponseRefs(codes) },
  };
}

/** `{id}`: every id the database hands out has the same shape; one that does not fit is a 404. */
export const idParameter = (what: string): Parameter => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id.`,
  schema: requestSchema(entityIdSchema),
});

export const jsonContent = (description: string, schema: JsonSchema): ResponseObject => ({ description, content: { 'application/json': { schema } } });
export const jsonRef = (description: string, name: string): ResponseObject => jsonContent(description, schemaRef(name));
export const noContent = (description: string): ResponseObject => ({ description });
