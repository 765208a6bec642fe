import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { readJsonBody } from '@/lib/http/body';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { listUsers } from '@/lib/users/queries';
import { createUserSchema } from '@/lib/users/schemas';
import { createUser } from '@/lib/users/mutations';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

export const GET = apiHandler(async () => {
  const auth = await authorizeApi('manage:users');
  if (!auth.ok) return errorResponse(auth.error);
  return jsonResponse({ items: await listUsers() });
});

export const POST = apiHandler(async (request: Request) => {
  const auth = await authorizeApi('manage:users');
  if (!auth.ok) return errorResponse(auth.error);
  const input = await readJsonBody(request, createUserSchema);
  if (!input.ok) return errorResponse(input.error);
  const created = await createUser(auth.value, input.value);
  return created.ok ? jsonResponse(created.value, 201) : errorResponse(created.error);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
