import NextAuth from 'next-auth';
import { beginLoginAttempt, responseSignsIn } from '@/lib/auth/login-guard';
import { settleLoginAttempt } from '@/lib/auth/login-throttle';
import { authOptions } from '@/lib/auth/options';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse } from '@/lib/http/responses';
import { otherMethods } from '@/lib/http/other-methods';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export const GET = nextAuth;

export const POST = apiHandler(async (request: Request, context: Context) => {
  const { nextauth } = await context.params;
  // next-auth dispatches on the first segment alone (extra segments are ignored), so screen every
  // callback: it is the only POST that checks a password.
  if (nextauth[0] !== 'callback') return nextAuth(request, context);
  const attempt = await beginLoginAttempt(request);
  if (!attempt.ok) {
    const headers = attempt.retryAfterSeconds ? { 'retry-after': String(attempt.retryAfterSeconds) } : undefined;
    return errorResponse(attempt.error, { headers });
  }
  const response = await nextAuth(request, context);
  await settleLoginAttempt(attempt.value, responseSignsIn(response));
  return response;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
