import { z } from 'zod';

/**
 * "Decisions on my annotations since I last looked": when the author last looked is kept in an
 * HttpOnly cookie, not in the database (no migration, nothing written per page view). It is
 * per browser, and names its user so that a shared browser never applies one user's time to
 * another's count. Pure: the route, the dashboard and the navigation share it.
 */
export const FEEDBACK_SEEN_COOKIE = 'nm_feedback_seen';
export const FEEDBACK_SEEN_MAX_AGE_SECONDS = 400 * 24 * 3600; // browsers cap cookie lifetimes at 400 days

/** `POST /api/account/feedback-seen`: the time the page showed the count (default: now). */
export const feedbackSeenSchema = z.object({ seenAt: z.iso.datetime({ offset: true, message: 'seenAt is an ISO date and time.' }).optional() }).strict();

const SEPARATOR = '~';

export function formatFeedbackSeen(userId: string, at: Date): string {
  return `${userId}${SEPARATOR}${at.toISOString()}`;
}

/** The time `userId` last looked, from the cookie's value; null when unset, garbled or another user's. */
export function parseFeedbackSeen(value: string | null | undefined, userId: string): Date | null {
  if (!value) return null;
  const at = value.indexOf(SEPARATOR);
  if (at < 0 || value.slice(0, at) !== userId) return null;
  const time = new Date(value.slice(at + 1));
  return Number.isNaN(time.getTime()) ? null : time;
}

/**
 * The next "last looked" time: what the page showed (so a decision made between rendering and
 * this call still counts as new), never in the future and never earlier than what was stored.
 */
export function nextFeedbackSeen(previous: Date | null, requested: Date | null, now: Date): Date {
  const shown = requested && requested.getTime() < now.getTime() ? requested : now;
  return previous && previous.getTime() > shown.getTime() ? previous : shown;
}

/** From when to count decisions: the last look, or the beginning for one who never looked. */
export const countDecisionsFrom = (seen: Date | null): Date => seen ?? new Date(0);

/** Secure exactly when the session cookie is: next-auth marks it so when NEXTAUTH_URL is https. */
export function feedbackSeenCookieOptions(nextAuthUrl: string | undefined) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: nextAuthUrl?.startsWith('https://') ?? false, path: '/', maxAge: FEEDBACK_SEEN_MAX_AGE_SECONDS };
}

/** The browser event the dashboard sends once the count is marked seen, so the navigation's badge clears without a reload. */
export const FEEDBACK_SEEN_EVENT = 'newsmark:feedback-seen';
