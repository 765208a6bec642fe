import { cookies } from 'next/headers';
import { cache } from 'react';
import { countDecisionsFrom, FEEDBACK_SEEN_COOKIE, parseFeedbackSeen } from './feedback.ts';
import { decisionsSince } from './queries.ts';

/**
 * Decisions on the user's annotations since they last looked (the feedback cookie), counted once
 * per request: the navigation's badge and the dashboard ask for the same figure. `countedAt` is
 * taken before counting, so a decision made meanwhile still counts as new next time.
 */
export const feedbackSinceLastLook = cache(async (userId: string) => {
  const lastLooked = parseFeedbackSeen((await cookies()).get(FEEDBACK_SEEN_COOKIE)?.value, userId);
  const countedAt = new Date().toISOString();
  const newDecisions = await decisionsSince(userId, countDecisionsFrom(lastLooked));
  return { lastLooked, countedAt, newDecisions };
});
