import { requestThrottleKey } from '@/lib/auth/client-ip';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { readJsonBody } from '@/lib/http/body';
import { errorResponse, throttledErrorResponse } from '@/lib/http/responses';
import { changeOwnPasswordSchema } from '@/lib/users/schemas';
import { changeOwnPassword } from '@/lib/users/mutations';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = apiHandler(async (request: Request) => {
  // A leaked token must not be able to guess the password and take the account over.
  const auth = await authorizeApi('manage:own-account', undefined, { allowToken: false });
  if (!auth.ok) return errorResponse(auth.error);
  const input = await readJsonBody(request, changeOwnPasswordSchema);
  if (!input.ok) return errorResponse(input.error);
  const changed = await changeOwnPassword(auth.value, requestThrottleKey(request.headers), input.value.currentPassword, input.value.newPassword);
  if (changed.ok) return new Response(null, { status: 204 });
  return throttledErrorResponse(changed.error, changed.retryAfterSeconds);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
