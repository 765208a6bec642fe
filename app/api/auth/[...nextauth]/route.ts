import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { screenLoginAttempt } from '@/lib/auth/login-guard';
import { errorResponse } from '@/lib/http/responses';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export const GET = nextAuth;

export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  // next-auth dispatches on the first segment alone (extra segments are ignored), so screen every
  // callback: it is the only POST that checks a password.
  if (nextauth[0] === 'callback') {
    const refusal = await screenLoginAttempt(request);
    if (refusal && !refusal.result.ok) {
      const headers = refusal.retryAfterSeconds ? { 'retry-after': String(refusal.retryAfterSeconds) } : undefined;
      return errorResponse(refusal.result.error, { headers });
    }
  }
  return nextAuth(request, context);
}
