'use client';

import { useEffect, useRef } from 'react';
import type { LiveMessage } from '@/lib/annotations/paint';

/**
 * Follows the article's live stream. EventSource reconnects by itself, and the server opens a
 * reconnected stream with `resync` (messages may have been missed), on which `onResync` reloads.
 */
export function useLiveUpdates(articleId: string, onMessage: (message: LiveMessage) => void, onResync: () => void) {
  const handlers = useRef({ onMessage, onResync });
  useEffect(() => {
    handlers.current = { onMessage, onResync };
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
      if (message.t === 'resync') handlers.current.onResync();
      else if (message.articleId === articleId) handlers.current.onMessage(message);
    };
    return () => source.close();
  }, [articleId]);
}
