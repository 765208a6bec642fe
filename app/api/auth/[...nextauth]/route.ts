import NextAuth from 'next-auth';
import { parseLoginRequest, screenAuthRequest, signInAttempt } from '@/lib/auth/login-guard';
import { authOptions } from '@/lib/auth/options';
import { throttledPasswordCheck } from '@/lib/auth/password-check';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, throttledErrorResponse } from '@/lib/http/responses';
import { otherMethods } from '@/lib/http/other-methods';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export const GET = apiHandler(async (request: Request, context: Context) => {
  const screened = await screenAuthRequest(request);
  return screened.ok ? nextAuth(request, context) : errorResponse(screened.error);
});

export const POST = apiHandler(async (request: Request, context: Context) => {
  const screened = await screenAuthRequest(request);
  if (!screened.ok) return errorResponse(screened.error);
  const { nextauth } = await context.params;
  // next-auth dispatches on the first segment alone (extra segments are ignored), so screen every
  // callback: it is the only POST that checks a password.
  if (nextauth[0] !== 'callback') return nextAuth(request, context);
  const login = await parseLoginRequest(request);
  if (!login.ok) return errorResponse(login.error);
  const checked = await throttledPasswordCheck(
    login.value,
    () => signInAttempt(() => nextAuth(request, context)),
    (attempt) => attempt.signedIn,
  );
  if (checked.ok) return checked.value.response;
  return throttledErrorResponse(checked.error, checked.retryAfterSeconds);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
