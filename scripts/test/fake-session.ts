/**
 * Route handler tests fake one thing, the session: handlers ask lib/auth/session who is signed
 * in, and outside a Next.js request there is no cookie to read. The policy and the database stay
 * real. In a test file:
 *   import { fakeSession } from '<path>/scripts/test/fake-session.ts';
 *   vi.mock('@/lib/auth/session', () => import('<path>/scripts/test/fake-session.ts'));
 * then set `fakeSession.user` (null: signed out).
 */
import { can, type Actor } from '../../lib/auth/policy.ts';
import type { authorizeApi as realAuthorizeApi } from '../../lib/auth/session.ts';
import { checkIdempotencyKey } from '../../lib/http/idempotency.ts';
import { fail, ok } from '../../lib/result.ts';

export const fakeSession: { user: (Actor & { name?: string; email?: string }) | null } = { user: null };

// Typed from the real one, so a change to its signature breaks this fake at typecheck.
export const authorizeApi: typeof realAuthorizeApi = async (action, resource) => {
  if (!fakeSession.user) return fail('unauthenticated', 'Sign in first.');
  if (!can(fakeSession.user, action, resource)) return fail('forbidden', 'Your role may not do this.');
  // As the real authorizeApi does once it knows the user.
  await checkIdempotencyKey(fakeSession.user.id);
  // A real session user always has a name and an e-mail; tests need not spell them out.
  const { id } = fakeSession.user;
  return ok({ name: `User ${id}`, email: `${id}@fake-session.example`, ...fakeSession.user });
};
