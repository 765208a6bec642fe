/**
 * Route handler tests fake one thing, the session: handlers ask lib/auth/session who is signed
 * in, and outside a Next.js request there is no cookie to read. The policy and the database stay
 * real. In a test file:
 *   import { fakeSession } from '<path>/scripts/test/fake-session.ts';
 *   vi.mock('@/lib/auth/session', () => import('<path>/scripts/test/fake-session.ts'));
 * then set `fakeSession.user` (null: signed out).
 */
import { can, type Action, type Actor } from '../../lib/auth/policy.ts';
import { checkIdempotencyKey } from '../../lib/http/idempotency.ts';
import { fail, ok } from '../../lib/result.ts';

export const fakeSession: { user: (Actor & { name?: string; email?: string }) | null } = { user: null };

export async function authorizeApi(action: Action) {
  if (!fakeSession.user) return fail('unauthenticated', 'Sign in first.');
  if (!can(fakeSession.user, action)) return fail('forbidden', 'Your role may not do this.');
  // As the real authorizeApi does once it knows the user.
  await checkIdempotencyKey(fakeSession.user.id);
  return ok(fakeSession.user);
}
