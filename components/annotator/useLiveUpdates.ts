'use client';

import { useEffect, useRef } from 'react';
import type { LiveMessage } from '@/lib/live/model';
import type { ArticleLiveMessage } from '@/lib/live/messages';

/** A message about the article's annotations, relations or comments (the stream's own signals aside). */
export type ArticleMessage = ArticleLiveMessage;

/**
 * What the reader is told about the stream: `live` (listening), `reconnecting` (the connection or
 * the server's database is away; it comes back by itself), or stopped for good because the viewer
 * was signed out (401) or may no longer see the article (403, 404).
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'signed-out' | 'no-access';

interface Handlers {
  onMessage: (message: ArticleMessage) => void;
  /** The server listens: from now on nothing is missed (each time the stream (re)connects). */
  onListening: () => void;
  /** Messages may have been missed: reload everything. */
  onResync: () => void;
  onStatus: (status: LiveStatus) => void;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Why the stream was refused, asked of a cheap route behind the same check: 0 when the server cannot be reached. */
async function refusalStatus(articleId: string): Promise<number> {
  try {
    const response = await fetch(`/api/articles/${articleId}/annotations?format=fingerprint`, { cache: 'no-store' });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

/**
 * Follows the article's live stream. EventSource reconnects by itself after a dropped connection
 * (the server then sends `resync`), but gives up for good on an error status, e.g. the 503 of a
 * database outage. So when it gives up, the reason is asked: only a 401, 403 or 404 stops; anything
 * else (503, 500, no answer) opens a new stream after a backoff, and the annotator, told it is
 * listening again, compares its fingerprint to catch what changed meanwhile.
 */
export function useLiveUpdates(articleId: string, handlers: Handlers) {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let ended = false;
    const status = (s: LiveStatus) => current.current.onStatus(s);

    const open = () => {
      const opened = new EventSource(`/api/articles/${articleId}/events`);
      source = opened;
      opened.onmessage = (event) => {
        let message: LiveMessage;
        try {
          message = JSON.parse(event.data as string) as LiveMessage;
        } catch {
          return;
        }
        if (message.t === 'listening') {
          failures = 0;
          status('live');
          current.current.onListening();
        } else if (message.t === 'reconnecting') status('reconnecting');
        else if (message.t === 'resync') {
          status('live');
          current.current.onResync();
        } else if (message.articleId === articleId) current.current.onMessage(message);
      };
      opened.onerror = () => {
        if (ended || source !== opened) return;
        // CONNECTING: the browser retries by itself. CLOSED: it gave up on an error status.
        if (opened.readyState !== EventSource.CLOSED) return status('reconnecting');
        opened.close();
        void refusalStatus(articleId).then((code) => {
          if (ended || source !== opened) return;
          if (code === 401) return status('signed-out');
          if (code === 403 || code === 404) return status('no-access');
          status('reconnecting');
          const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** failures++);
          retryTimer = setTimeout(open, Math.round(delay * (0.5 + Math.random() / 2)));
        });
      };
    };

    status('connecting');
    open();
    return () => {
      ended = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [articleId]);
}
