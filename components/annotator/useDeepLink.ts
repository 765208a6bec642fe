'use client';

import { useEffect, useState } from 'react';
import type { SelectAnnotation } from './types';
import type { AnnotatorStore } from './store/annotator-store';

/** A link to one annotation (`#annotation-<id>`, from the review queue or the dashboard) opens it once the highlights are in. */
export function useDeepLink(loaded: boolean, store: AnnotatorStore, select: SelectAnnotation) {
  const [linkedId, setLinkedId] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setLinkedId(/^#annotation-([A-Za-z0-9_-]+)$/.exec(window.location.hash)?.[1] ?? null);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  useEffect(() => {
    if (!loaded || !linkedId || !store.getState().byId.has(linkedId)) return;
    const frame = requestAnimationFrame(() => select(linkedId, { open: true, scroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [loaded, linkedId, select, store]);
}
