'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { unpackPaintData, type PackedPaintData } from '@/lib/annotations/paint';
import { callApi } from '@/lib/http/client';
import type { AnnotatorStore } from './store/annotator-store';
import type { ShowToast } from './Toasts';
import { useLiveUpdates, type ArticleMessage, type LiveStatus } from './useLiveUpdates';

const RESYNC_RETRY_MS = 3_000;
const RESYNC_ATTEMPTS = 100;

interface Options {
  articleId: string;
  /** Streamed after the text: the page does not wait for it (see the article page). */
  paint: Promise<PackedPaintData | null>;
  store: AnnotatorStore;
  show: ShowToast;
}

/**
 * Keeps the store in step with the server: the streamed snapshot, then other people's changes as
 * they happen, and a full reload whenever the live stream may have missed some.
 */
export function useAnnotationSync({ articleId, paint, store, show }: Options) {
  const [loaded, setLoaded] = useState(false);
  const [commentTicks, setCommentTicks] = useState<Record<string, number>>({});
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const fingerprint = useRef<string | null>(null);
  // Live messages wait until the snapshot they follow is in place.
  const waiting = useRef<ArticleMessage[] | null>([]);
  const listeningEarly = useRef(false);
  const loadedRef = useRef(false);
  const resyncSerial = useRef(0);
  const onLiveRef = useRef<(message: ArticleMessage) => void>(() => {});

  // A reload replaces everything: messages heard meanwhile wait and are applied on top of it,
  // and only the latest of overlapping reloads is used.
  const resync = useCallback(async () => {
    const serial = ++resyncSerial.current;
    waiting.current ??= [];
    const load = () => callApi<PackedPaintData>('GET', `/api/articles/${articleId}/annotations?format=paint`);
    let result = await load();
    // The server or its database is away again (no answer, 503): wait and retry, unless a newer reload started.
    for (let attempt = 1; !result.ok && (result.status === 0 || result.status >= 500) && attempt < RESYNC_ATTEMPTS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS));
      if (serial !== resyncSerial.current) return;
      result = await load();
    }
    if (serial !== resyncSerial.current) return;
    const heard = waiting.current ?? [];
    waiting.current = null;
    if (result.ok) {
      fingerprint.current = result.data.f;
      store.replaceAll(unpackPaintData(result.data));
    }
    setTimeout(() => {
      for (const message of heard) onLiveRef.current(message);
    });
  }, [articleId, store]);

  const onLive = useCallback(
    (message: ArticleMessage) => {
      if (message.t === 'annotation' && message.op === 'upsert') store.applyLiveUpsert(message.annotation, message.authorName);
      else if (message.t === 'annotation' && message.op === 'delete') {
        if (store.applyLiveDelete(message.id)) show({ tone: 'info', message: 'The annotation you had open was deleted by its author.' });
      } else if (message.t === 'relation' && message.op === 'create') store.applyLiveRelation(message.relation);
      else if (message.t === 'relation' && message.op === 'delete') store.applyLiveRelationDelete(message.id);
      else if (message.t === 'comment') {
        setCommentTicks((ticks) => ({ ...ticks, [message.annotationId]: (ticks[message.annotationId] ?? 0) + 1 }));
      }
    },
    [show, store],
  );
  useEffect(() => {
    onLiveRef.current = onLive;
  });

  /** Writes made between the page's snapshot and the stream's start show as a changed fingerprint. */
  const checkFingerprint = useCallback(async () => {
    const result = await callApi<{ fingerprint: string }>('GET', `/api/articles/${articleId}/annotations?format=fingerprint`);
    if (result.ok && result.data.fingerprint !== fingerprint.current) await resync();
  }, [articleId, resync]);

  useEffect(() => {
    let live = true;
    void paint.then(
      (packed) => {
        if (!live || !packed) return;
        fingerprint.current = packed.f;
        store.replaceAll(unpackPaintData(packed));
        loadedRef.current = true;
        setLoaded(true);
        const early = waiting.current ?? [];
        waiting.current = null;
        // Applied after the snapshot lands (the store's next state), in arrival order.
        setTimeout(() => {
          for (const message of early) onLive(message);
          if (listeningEarly.current) void checkFingerprint();
        });
      },
      () => show({ tone: 'error', message: 'The highlights could not be loaded. Reload the page to try again.' }),
    );
    return () => {
      live = false;
    };
  }, [paint, onLive, checkFingerprint, show, store]);

  useLiveUpdates(articleId, {
    onMessage: (message) => (waiting.current ? waiting.current.push(message) : onLive(message)),
    onListening: () => {
      if (!loadedRef.current) listeningEarly.current = true;
      else {
        // A reconnect is followed by `resync` at once; the check only matters when none comes.
        const serial = resyncSerial.current;
        setTimeout(() => serial === resyncSerial.current && void checkFingerprint(), 300);
      }
    },
    onResync: () => void resync(),
    onStatus: (status) => {
      setLiveStatus(status);
      if (status === 'signed-out')
        show({ tone: 'error', message: 'Live updates stopped: you have been signed out. Sign in again to see others’ changes.', duration: 15_000 });
      if (status === 'no-access') show({ tone: 'error', message: 'Live updates stopped: this article is no longer available to you.', duration: 15_000 });
    },
  });

  return { loaded, commentTicks, liveStatus };
}
