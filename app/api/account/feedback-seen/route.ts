import { env } from '@/lib/env';
import type { NextRequest } from 'next/server';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import {
  FEEDBACK_SEEN_COOKIE,
  feedbackSeenCookieOptions,
  feedbackSeenSchema,
  formatFeedbackSeen,
  nextFeedbackSeen,
  parseFeedbackSeen,
} from '@/lib/review/feedback';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * `POST /api/account/feedback-seen` `{ seenAt? }`: the signed-in user has seen the decisions on
 * their annotations up to `seenAt` (the time the dashboard showed them; default now). Kept in an
 * HttpOnly cookie; answers `{ seenAt }`, the time now stored.
 */
export const POST = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('manage:own-account');
  if (!auth.ok) return errorResponse(auth.error);
  const input = await readJsonBody(request, feedbackSeenSchema);
  if (!input.ok) return errorResponse(input.error);
  const previous = parseFeedbackSeen(request.cookies.get(FEEDBACK_SEEN_COOKIE)?.value, auth.value.id);
  const seenAt = nextFeedbackSeen(previous, input.value.seenAt ? new Date(input.value.seenAt) : null, new Date());
  const response = jsonResponse({ seenAt: seenAt.toISOString() });
  response.cookies.set(FEEDBACK_SEEN_COOKIE, formatFeedbackSeen(auth.value.id, seenAt), feedbackSeenCookieOptions(env().NEXTAUTH_URL));
  return response;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
