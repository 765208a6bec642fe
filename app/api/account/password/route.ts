import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { readJsonBody } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/responses';
import { changeOwnPasswordSchema } from '@/lib/users/schemas';
import { changeOwnPassword } from '@/lib/users/service';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = apiHandler(async (request: Request) => {
  const auth = await authorizeApi('manage:own-account');
  if (!auth.ok) return errorResponse(auth.error);
  const input = await readJsonBody(request, changeOwnPasswordSchema);
  if (!input.ok) return errorResponse(input.error);
  const changed = await changeOwnPassword(auth.value, input.value.currentPassword, input.value.newPassword);
  return changed.ok ? new Response(null, { status: 204 }) : errorResponse(changed.error);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
