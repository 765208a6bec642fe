import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { createTokenSchema } from '@/lib/tokens/schemas';
import { createToken } from '@/lib/tokens/mutations';
import { listTokens } from '@/lib/tokens/queries';
import { otherMethods } from '@/lib/http/other-methods';

// Managing tokens needs a signed-in browser: a token cannot list, mint or revoke tokens (403).
const SESSION_ONLY = { allowToken: false } as const;

export const GET = apiHandler(async () => {
  const auth = await authorizeApi('manage:own-tokens', undefined, SESSION_ONLY);
  if (!auth.ok) return errorResponse(auth.error);
  return jsonResponse({ items: await listTokens(auth.value) });
});

export const POST = apiHandler(async (request: Request) => {
  const auth = await authorizeApi('manage:own-tokens', undefined, SESSION_ONLY);
  if (!auth.ok) return errorResponse(auth.error);
  const input = await readJsonBody(request, createTokenSchema);
  if (!input.ok) return errorResponse(input.error);
  const created = await createToken(auth.value, input.value);
  // The token is in this answer only: no cache keeps it, nor the replay store of Idempotency-Key.
  return created.ok ? jsonResponse(created.value, 201, { 'cache-control': 'no-store' }) : errorResponse(created.error);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
