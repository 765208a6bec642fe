import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { checkIdempotencyKey } from '@/lib/http/idempotency.ts';
import { DatabaseUnavailableError } from '@/lib/db-unavailable.ts';
import { loginUrlFor, REQUEST_PATH_HEADER } from '@/lib/http/redirect.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { userForToken } from './queries.ts';
import type { SessionUser } from './model.ts';
import { authOptions } from './options.ts';
import { can, type Action, type OwnedResource } from './policy.ts';

/**
 * The signed-in user as the database says now, looked up once per request (by the session
 * callback in lib/auth/options.ts, which answers no session for a disabled user or an old password).
 * Throws DatabaseUnavailableError when the database could not say: that is no sign-out.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (session?.unavailable) throw new DatabaseUnavailableError('The session could not be checked: the database is unavailable.');
  const user = session?.user;
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role, disabled: false } : null;
});

/** For pages: send strangers to the login form, which brings them back here afterwards. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginUrlFor((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

/** For pages: what the role may not do does not exist for it (404, as docs/architecture.md "Roles and permissions" asks). */
export async function requirePagePermission(action: Action, resource?: OwnedResource): Promise<SessionUser> {
  const user = await requirePageUser();
  if (!can(user, action, resource)) notFound();
  return user;
}

/**
 * The request's `Authorization: Bearer <token>`, when it has one: the token (maybe empty or
 * malformed), or null when the request authenticates some other way.
 */
export async function bearerToken(): Promise<string | null> {
  const authorization = (await headers()).get('authorization');
  const match = authorization?.match(/^\s*bearer(?:\s+(.*))?$/i);
  return match ? (match[1] ?? '').trim() : null;
}

export interface AuthorizeOptions {
  /**
   * false: refuse a personal API token (403), only a signed-in browser may act. Used for managing
   * tokens, so a leaked token cannot mint more of itself or outlive its revocation.
   */
  allowToken?: boolean;
}

/**
 * For route handlers and server actions: 401 without a live session, 403 when the role may not act.
 * A request with `Authorization: Bearer` is judged by its token alone (never by a cookie it also
 * carries): a malformed, unknown or revoked token, or a disabled owner, is 401.
 */
export async function authorizeApi(action: Action, resource?: OwnedResource, options: AuthorizeOptions = {}): Promise<Result<SessionUser>> {
  const token = await bearerToken();
  let user: SessionUser | null;
  if (token !== null) {
    user = await userForToken(token);
    if (!user) return fail('unauthenticated', 'The API token is not valid: it is malformed, unknown or revoked, or its owner is disabled.');
    if (options.allowToken === false) return fail('forbidden', 'API tokens cannot do this: sign in to the workbench.');
  } else {
    user = await getCurrentUser();
    if (!user) return fail('unauthenticated', 'Sign in first.');
  }
  if (!can(user, action, resource)) return fail('forbidden', 'Your role may not do this.');
  // A retried write (same Idempotency-Key) is answered from its first run from here on.
  await checkIdempotencyKey(user.id);
  return ok(user);
}
