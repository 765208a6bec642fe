/**
 * The live event stream of one article, wired to this process's listener: what the route
 * `GET /api/articles/:id/events` returns once it has authorized the request.
 */
import { createLiveEventStream, liveEventResponse } from './event-stream.ts';
import { liveListener } from './listener.ts';

export interface ArticleEventsRequest {
  articleId: string;
  request: Request;
  /** Asked again every minute and when the account changes; false ends the stream (see createLiveEventStream). */
  authorize: () => Promise<boolean>;
  /** The viewer's user id, whose account changes are watched. */
  accountId: string;
}

/** A `text/event-stream` response following the article until the browser leaves or loses access. */
export function articleEventsResponse({ articleId, request, authorize, accountId }: ArticleEventsRequest): Response {
  const stream = createLiveEventStream({
    articleId,
    source: liveListener(),
    authorize,
    accountId,
    signal: request.signal,
    resumed: request.headers.has('last-event-id'),
  });
  return liveEventResponse(stream);
}
