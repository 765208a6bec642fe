import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';
import { revokeToken } from '@/lib/tokens/mutations';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

/** Revokes one's own token (204, also when it was already revoked); a token cannot revoke tokens (403). */
export const DELETE = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('manage:own-tokens', undefined, { allowToken: false });
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(fail('not_found', 'No such token.').error);
  const revoked = await revokeToken(auth.value, id);
  return revoked.ok ? new Response(null, { status: 204 }) : errorResponse(revoked.error);
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
