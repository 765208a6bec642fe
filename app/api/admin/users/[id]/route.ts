import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { readJsonBody } from '@/lib/http/body';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';
import { updateUserSchema } from '@/lib/users/schemas';
import { updateUser } from '@/lib/users/mutations';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

export const PATCH = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('manage:users');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(fail('not_found', 'No such user.').error);
  const change = await readJsonBody(request, updateUserSchema);
  if (!change.ok) return errorResponse(change.error);
  const updated = await updateUser(auth.value, id, change.value);
  return updated.ok ? jsonResponse(updated.value) : errorResponse(updated.error);
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods({ PATCH });
