'use client';

import { useSyncExternalStore } from 'react';
import type { AnnotatorState, AnnotatorStore } from './annotator-store';

/** The store's current state, re-rendering the caller on every change. */
export function useAnnotatorState(store: AnnotatorStore): AnnotatorState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
