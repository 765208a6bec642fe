'use client';

import { useEffect, useRef } from 'react';
import type { LiveMessage } from '@/lib/annotations/paint';
import type { ArticleLiveMessage } from '@/lib/live/messages';

/** A message about the article's annotations, relations or comments (the stream's own signals aside). */
export type ArticleMessage = ArticleLiveMessage;

interface Handlers {
  onMessage: (message: ArticleMessage) => void;
  /** The server listens: from now on nothing is missed (each time the stream (re)connects). */
  onListening: () => void;
  /** Messages may have been missed: reload everything. */
  onResync: () => void;
  /** The browser gave up reconnecting (signed out, say). */
  onClosed: () => void;
}

/** Follows the article's live stream; EventSource reconnects by itself and the server then sends `resync`. */
export function useLiveUpdates(articleId: string, handlers: Handlers) {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/articles/${articleId}/events`);
    source.onmessage = (event) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(event.data as string) as LiveMessage;
      } catch {
        return;
      }
      if (message.t === 'resync') current.current.onResync();
      else if (message.t === 'listening') current.current.onListening();
      else if (message.articleId === articleId) current.current.onMessage(message);
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) current.current.onClosed();
    };
    return () => source.close();
  }, [articleId]);
}
