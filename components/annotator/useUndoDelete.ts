'use client';

import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { PaintAnnotation, PaintRelation } from '@/lib/annotations/paint';
import { callApi } from '@/lib/http/client';
import { KIND_LABEL } from '@/lib/annotations/model';
import type { ShowToast } from './Toasts';
import type { SelectAnnotation } from './types';
import type { AnnotationStore } from './useAnnotationStore';

const UNDO_MS = 6000;

interface PendingDelete {
  timer: ReturnType<typeof setTimeout>;
  annotation: PaintAnnotation;
  relations: PaintRelation[];
}

interface Options {
  meId: string;
  canAnnotate: boolean;
  storeRef: RefObject<AnnotationStore>;
  selectedRef: RefObject<string | null>;
  textRef: RefObject<HTMLDivElement | null>;
  select: SelectAnnotation;
  show: ShowToast;
}

/**
 * Deleting waits out an undo window before the server hears of it, so an accidental Delete costs
 * nothing: the annotation leaves the screen at once and comes back, relations and all, on undo.
 */
export function useUndoDelete({ meId, canAnnotate, storeRef, selectedRef, textRef, select, show }: Options) {
  const pendingDeletes = useRef(new Map<string, PendingDelete>());
  // Ctrl+Z undoes only the latest deletion, and only while its window is open.
  const lastDeleted = useRef<string | null>(null);

  const commitDelete = useCallback(
    async (id: string) => {
      const pending = pendingDeletes.current.get(id);
      if (!pending) return;
      pendingDeletes.current.delete(id);
      const result = await callApi('DELETE', `/api/annotations/${id}`);
      if (!result.ok && result.status !== 404) {
        storeRef.current.upsert(pending.annotation);
        for (const r of pending.relations) storeRef.current.putRelation(r);
        show({ tone: 'error', message: `The annotation was not deleted: ${result.message}` });
      }
    },
    [show, storeRef],
  );

  const undoDelete = useCallback(
    (id: string) => {
      const pending = pendingDeletes.current.get(id);
      if (!pending) return;
      clearTimeout(pending.timer);
      pendingDeletes.current.delete(id);
      storeRef.current.upsert(pending.annotation);
      for (const r of pending.relations) storeRef.current.putRelation(r);
      select(id, { open: true });
    },
    [select, storeRef],
  );

  const requestDelete = useCallback(
    (id: string) => {
      const a = storeRef.current.byId.get(id);
      if (!a || id.startsWith('tmp-') || pendingDeletes.current.has(id)) return;
      if (a.authorId !== meId || !canAnnotate) {
        show({ tone: 'error', message: 'You can only delete your own annotations.' });
        return;
      }
      const relations = [...storeRef.current.relations.values()].filter((r) => r.fromId === id || r.toId === id);
      storeRef.current.remove(id);
      if (selectedRef.current === id) {
        select(null);
        // The panel (and its Delete button) is gone: keep keyboard users in the text.
        textRef.current?.focus();
      }
      const timer = setTimeout(() => void commitDelete(id), UNDO_MS);
      pendingDeletes.current.set(id, { timer, annotation: a, relations });
      lastDeleted.current = id;
      show({
        tone: 'info',
        message: `${KIND_LABEL[a.kind]} deleted (Ctrl+Z undoes).`,
        action: { label: 'Undo', run: () => undoDelete(id) },
        duration: UNDO_MS,
      });
    },
    [canAnnotate, commitDelete, meId, select, selectedRef, show, storeRef, textRef, undoDelete],
  );

  /** Undoes the latest deletion if its window is still open; false when there is nothing to undo. */
  const undoLastDelete = useCallback(() => {
    const id = lastDeleted.current;
    if (!id || !pendingDeletes.current.has(id)) return false;
    undoDelete(id);
    return true;
  }, [undoDelete]);

  /** Edits and live news about a deleted annotation must not bring it back during the window. */
  const isDeletePending = useCallback((id: string) => pendingDeletes.current.has(id), []);

  // A deletion still inside its undo window is sent when the page goes away, so it is not lost.
  useEffect(() => {
    const pending = pendingDeletes.current;
    const flush = () => {
      for (const [id, { timer }] of pending) {
        clearTimeout(timer);
        void fetch(`/api/annotations/${id}`, { method: 'DELETE', keepalive: true });
      }
      pending.clear();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

  return { requestDelete, undoLastDelete, isDeletePending };
}
