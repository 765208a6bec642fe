import { findRelationView } from '@/lib/relations/queries';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { createRelationSchema } from '@/lib/relations/schemas';
import { createRelation } from '@/lib/relations/mutations';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

export const POST = apiHandler(
  async (request: Request) => {
    const auth = await authorizeApi('create:annotation');
    if (!auth.ok) return errorResponse(auth.error);
    const input = await readJsonBody(request, createRelationSchema);
    if (!input.ok) return errorResponse(input.error);
    const created = await createRelation(auth.value, input.value);
    return created.ok ? jsonResponse(created.value, 201) : errorResponse(created.error);
  },
  { createdView: findRelationView },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
