import { apiHandler } from '@/lib/http/handler';
import { jsonResponse } from '@/lib/http/responses';
import { openApiDocument } from '@/lib/openapi/document';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of this API. Public on purpose: it holds no
 * data, only what the README already says, and tools (client generators, Swagger UI, scripts)
 * fetch it without credentials.
 */
export const GET = apiHandler(async () => jsonResponse(openApiDocument()));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
