import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse } from '@/lib/http/responses';
import { deleteRelation } from '@/lib/relations/mutations';
import { fail } from '@/lib/result';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

const NO_RELATION = fail('not_found', 'No such relation.').error;

// The policy's ownership half (own relations only) is decided in the service, which knows the author.
export const DELETE = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('create:annotation');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NO_RELATION);
  const deleted = await deleteRelation(auth.value, id);
  return deleted.ok ? new Response(null, { status: 204 }) : errorResponse(deleted.error);
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
