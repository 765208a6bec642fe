/**
 * The body of `GET /api/articles/:id/events`: one article's live messages as server-sent
 * events. Independent of Next.js and of the database (the listener and the authorization
 * are passed in), so it is unit-tested with fakes and fake timers.
 *
 * What the browser receives, in order:
 *   retry: 2000 / id: <n>      reconnect after 2 s; the id makes a reconnecting browser send
 *                              Last-Event-ID, which is how a reconnection is recognised
 *   data: {"t":"listening"}    once the process LISTENs, i.e. from here on nothing is missed
 *   data: {"t":"resync"}       first, when this is a reconnection (messages may have been missed)
 *   data: <LiveMessage>        one event per message of the article
 *   data: {"t":"reconnecting"} the process lost its LISTEN connection (a database outage): the
 *                              stream stays open, and a resync follows once it listens again
 *   : heartbeat                every 15 s, so proxies and the browser keep the connection
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LiveMessage } from './model.ts';
import { isDatabaseUnavailable } from '@/lib/db-unavailable.ts';
import type { LiveSource } from './listener.ts';
import { sseComment, sseJson, ssePreamble } from './sse.ts';

export interface LiveEventStreamOptions {
  articleId: string;
  source: LiveSource;
  /**
   * Whether the viewer may still follow the article, asked every recheckMs and whenever their
   * account changes: a disabled account or a revoked session must stop receiving. false, or a
   * throw, ends the stream, except a database outage: the database could not say, which is no
   * refusal, so the stream goes on and asks again.
   */
  authorize: () => Promise<boolean>;
  /** The viewer's user id: a change to the account (source.watchAccount) triggers the check at once. */
  accountId?: string;
  /** The request's signal: the browser went away. */
  signal?: AbortSignal;
  /** The browser reconnected (it sent Last-Event-ID), so it may have missed messages: it gets a resync first. */
  resumed?: boolean;
  retryMs?: number;
  heartbeatMs?: number;
  recheckMs?: number;
  /**
   * Messages left unread by a browser that stopped reading before the stream is ended (it then
   * reconnects and resyncs): memory per stream stays bounded.
   */
  maxQueued?: number;
}

export const LIVE_RETRY_MS = 2_000;
export const LIVE_HEARTBEAT_MS = 15_000;
export const LIVE_RECHECK_MS = 60_000;
const MAX_QUEUED = 1_000;

/** Response headers of an event stream. `no-transform` also keeps Next's gzip (the `compression` middleware) off it, which would buffer events. */
export const LIVE_EVENT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  // nginx and similar proxies buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
};

export function liveEventResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { status: 200, headers: LIVE_EVENT_HEADERS });
}

let streamsOpened = 0;

export function createLiveEventStream(options: LiveEventStreamOptions): ReadableStream<Uint8Array> {
  const { articleId, source, authorize, signal, resumed = false } = options;
  const encoder = new TextEncoder();
  let finish: () => void = () => {};

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let done = false;
        let checking = false;
        const send = (chunk: string) => {
          if (done) return;
          controller.enqueue(encoder.encode(chunk));
          // A browser that stopped reading: end the stream rather than queue without bound.
          if ((controller.desiredSize ?? 0) < -(options.maxQueued ?? MAX_QUEUED)) finish();
        };

        if (signal?.aborted) {
          done = true;
          controller.close();
          return;
        }

        send(ssePreamble(options.retryMs ?? LIVE_RETRY_MS, String(++streamsOpened)));
        const onMessage = (message: LiveMessage) => send(sseJson(message));
        const unsubscribe = source.subscribe(articleId, onMessage);
        const heartbeat = setInterval(() => send(sseComment('heartbeat')), options.heartbeatMs ?? LIVE_HEARTBEAT_MS);
        // A check asked for while one runs runs after it: the change may have come in between.
        let checkAgain = false;
        const check = () => {
          if (done) return;
          if (checking) {
            checkAgain = true;
            return;
          }
          checking = true;
          authorize()
            .catch((error: unknown) => isDatabaseUnavailable(error))
            .then((allowed) => {
              checking = false;
              if (!allowed) finish();
              else if (checkAgain) {
                checkAgain = false;
                check();
              }
            });
        };
        const recheck = setInterval(check, options.recheckMs ?? LIVE_RECHECK_MS);
        // authorize may read the request from its async context (Next's headers() and cookies()).
        // Timers set here keep this request's context, but an account change is heard on the
        // listener's connection, in the context of whichever request opened that: checking there
        // would judge another viewer's session. So the check runs back in this request's context.
        const inThisRequest = AsyncLocalStorage.snapshot();
        const unwatch = options.accountId ? source.watchAccount(options.accountId, () => inThisRequest(check)) : () => {};

        finish = () => {
          if (done) return;
          done = true;
          clearInterval(heartbeat);
          clearInterval(recheck);
          unsubscribe();
          unwatch();
          signal?.removeEventListener('abort', finish);
          try {
            controller.close();
          } catch {
            // Already closed or errored by the consumer.
          }
        };
        signal?.addEventListener('abort', finish, { once: true });

        source.whenListening().then(
          () => {
            onMessage({ t: 'listening' });
            if (resumed) onMessage({ t: 'resync' });
          },
          () => finish(),
        );
      },
      cancel() {
        finish();
      },
    },
    // Counted in chunks: desiredSize goes negative by the number of unread events.
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}
