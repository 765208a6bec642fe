import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { loginUrlFor, REQUEST_PATH_HEADER } from '../http/redirect.ts';
import { fail, ok, type Result } from '../result.ts';
import { findSessionUser, type SessionUser } from '../users/queries.ts';
import { authOptions } from './options.ts';
import { can, type Action, type OwnedResource } from './policy.ts';

/**
 * The signed-in user as the database says now, looked up once per request.
 * A JWT alone would keep a disabled user or an old role alive until it expires.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const { id, sessionVersion } = session?.user ?? {};
  return id && sessionVersion ? findSessionUser(id, sessionVersion) : null;
});

/** For pages: send strangers to the login form, which brings them back here afterwards. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginUrlFor((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

/** For pages: what the role may not do does not exist for it (404, as DESIGN.md asks). */
export async function requirePagePermission(action: Action, resource?: OwnedResource): Promise<SessionUser> {
  const user = await requirePageUser();
  if (!can(user, action, resource)) notFound();
  return user;
}

/** For route handlers and server actions: 401 without a live session, 403 when the role may not act. */
export async function authorizeApi(action: Action, resource?: OwnedResource): Promise<Result<SessionUser>> {
  const user = await getCurrentUser();
  if (!user) return fail('unauthenticated', 'Sign in first.');
  if (!can(user, action, resource)) return fail('forbidden', 'Your role may not do this.');
  return ok(user);
}
