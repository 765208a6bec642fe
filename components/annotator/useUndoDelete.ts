'use client';

import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { callApi } from '@/lib/http/client';
import { KIND_LABEL } from '@/lib/annotations/model';
import type { AnnotatorStore } from './store/annotator-store';
import type { ShowToast } from './Toasts';

const UNDO_MS = 6000;

interface Options {
  meId: string;
  canAnnotate: boolean;
  store: AnnotatorStore;
  textRef: RefObject<HTMLDivElement | null>;
  show: ShowToast;
}

/**
 * Deleting waits out an undo window before the server hears of it, so an accidental Delete costs
 * nothing (the store holds the deletion; this keeps its timer, sends it and offers the undo).
 */
export function useUndoDelete({ meId, canAnnotate, store, textRef, show }: Options) {
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const commitDelete = useCallback(
    async (id: string) => {
      timers.current.delete(id);
      const pending = store.takePendingDelete(id);
      if (!pending) return;
      const result = await callApi('DELETE', `/api/annotations/${id}`);
      if (!result.ok && result.status !== 404) {
        store.restoreDeleted(pending);
        show({ tone: 'error', message: `The annotation was not deleted: ${result.message}` });
      }
    },
    [show, store],
  );

  const undoDelete = useCallback(
    (id: string) => {
      clearTimeout(timers.current.get(id));
      timers.current.delete(id);
      // The store brings it back selected, its panel open.
      store.undoDelete(id);
    },
    [store],
  );

  const requestDelete = useCallback(
    (id: string) => {
      const request = store.requestDelete(id, { id: meId, canAnnotate });
      if (request.outcome === 'ignored') return;
      if (request.outcome === 'not-yours') {
        show({ tone: 'error', message: 'You can only delete your own annotations.' });
        return;
      }
      // The panel (and its Delete button) is gone: keep keyboard users in the text.
      if (request.wasSelected) textRef.current?.focus();
      timers.current.set(
        id,
        setTimeout(() => void commitDelete(id), UNDO_MS),
      );
      show({
        tone: 'info',
        message: `${KIND_LABEL[request.annotation.kind]} deleted (Ctrl+Z undoes).`,
        action: { label: 'Undo', run: () => undoDelete(id) },
        duration: UNDO_MS,
      });
    },
    [canAnnotate, commitDelete, meId, show, store, textRef, undoDelete],
  );

  /** Undoes the latest deletion if its window is still open; false when there is nothing to undo. */
  const undoLastDelete = useCallback(() => {
    const id = store.lastUndoable();
    if (!id) return false;
    undoDelete(id);
    return true;
  }, [store, undoDelete]);

  // A deletion still inside its undo window is sent when the page goes away, so it is not lost.
  useEffect(() => {
    const pending = timers.current;
    const flush = () => {
      for (const id of store.takeAllPendingDeletes()) {
        clearTimeout(pending.get(id));
        void fetch(`/api/annotations/${id}`, { method: 'DELETE', keepalive: true });
      }
      pending.clear();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [store]);

  return { requestDelete, undoLastDelete };
}
