'use client';

import { useCallback } from 'react';
import { RELATION_LABEL, RELATION_PAIRS, type AnnotationKindName, type RelationTypeName } from '@/lib/annotations/model';
import type { PaintAnnotation, PaintRelation } from '@/lib/annotations/paint';
import { nextWordBoundary, snapSelection } from '@/lib/annotations/snap';
import { callApi } from '@/lib/http/client';
import type { AnnotatorStore } from './store/annotator-store';
import type { ShowToast } from './Toasts';
import { toPaint, type AnnotationChanges, type AnnotationJson, type PatchResult, type RelationJson } from './types';

interface Options {
  article: { id: string; text: string };
  me: { id: string; name: string };
  store: AnnotatorStore;
  show: ShowToast;
}

/**
 * The annotator's writes: shown at once, then sent, and rolled back with a message when the
 * server refuses (the rules live in the store; this sends and reports).
 */
export function useAnnotationMutations({ article, me, store, show }: Options) {
  const createAnnotation = useCallback(
    async (kind: AnnotationKindName, span: { start: number; end: number }): Promise<PaintAnnotation | null> => {
      // The store selects it and opens its panel.
      const temp = store.beginCreate(kind, span, { id: me.id, name: me.name });
      const result = await callApi<AnnotationJson>('POST', `/api/articles/${article.id}/annotations`, {
        kind,
        ...span,
        exact: article.text.slice(span.start, span.end),
      });
      if (!result.ok) {
        store.rollbackCreate(temp.id);
        show({ tone: 'error', message: `The ${kind} was not saved: ${result.message}` });
        return null;
      }
      const saved = toPaint(result.data);
      store.confirmCreate(temp.id, saved, result.data.author.name);
      return saved;
    },
    [article.id, article.text, me.id, me.name, show, store],
  );

  const patch = useCallback(
    (id: string, changes: AnnotationChanges, version?: number): Promise<PatchResult> =>
      store.enqueueEdit(id, async (): Promise<PatchResult> => {
        const start = store.beginEdit(id, (before) => ({
          ...before,
          ...(changes.kind ? { kind: changes.kind } : {}),
          ...(changes.start !== undefined && changes.end !== undefined ? { start: changes.start, end: changes.end } : {}),
          ...(changes.unattributed !== undefined ? { unattributed: changes.unattributed } : {}),
        }));
        if (!start.ok) return { ok: false, message: start.message, fieldErrors: {} };
        const result = await callApi<AnnotationJson>('PATCH', `/api/annotations/${id}`, { version: version ?? start.base, ...changes });
        const conflict = !result.ok && result.status === 409 && result.current ? (result.current as AnnotationJson) : undefined;
        const answer = result.ok
          ? { ok: true as const, annotation: toPaint(result.data), authorName: result.data.author.name }
          : { ok: false as const, conflict: conflict && toPaint(conflict) };
        if (!store.finishEdit(id, start.before, answer)) return { ok: false, message: 'The annotation was deleted.', fieldErrors: {} };
        if (result.ok) return { ok: true, annotation: result.data };
        if (!conflict && result.status !== 400) show({ tone: 'error', message: result.message });
        return { ok: false, message: result.message, fieldErrors: result.fieldErrors, conflict };
      }),
    [show, store],
  );

  /** A review decision was recorded elsewhere (the panel): later edits build on its version. */
  const noteReviewed = useCallback((a: AnnotationJson) => store.noteReviewed(toPaint(a), a.author.name), [store]);

  const setSpan = useCallback(
    (id: string, start: number, end: number) => {
      if (start >= end) return;
      void patch(id, { start, end, exact: article.text.slice(start, end) });
    },
    [article.text, patch],
  );

  /** Moves one edge of the selected annotation to the next word boundary (keyboard span editing). */
  const nudgeSpan = useCallback(
    (edge: 'start' | 'end', direction: 1 | -1) => {
      const { byId, selection } = store.getState();
      const a = selection.id ? byId.get(selection.id) : undefined;
      if (!a) return;
      const moved = nextWordBoundary(article.text, edge === 'start' ? a.start : a.end, direction);
      const next = edge === 'start' ? snapSelection(article.text, { start: moved, end: a.end }) : snapSelection(article.text, { start: a.start, end: moved });
      if (!next || next.start >= next.end || (next.start === a.start && next.end === a.end)) return;
      setSpan(a.id, next.start, next.end);
    },
    [article.text, setSpan, store],
  );

  const createRelation = useCallback(
    async (fromId: string, toId: string, type: RelationTypeName) => {
      const temp = store.beginRelation(fromId, toId, type, me.id);
      const result = await callApi<RelationJson>('POST', '/api/relations', { fromId, toId, type });
      if (!result.ok) {
        store.removeRelation(temp.id);
        show({ tone: 'error', message: `Not linked: ${result.message}` });
        return;
      }
      store.confirmRelation(temp.id, { id: result.data.id, fromId, toId, type, authorId: result.data.author.id });
      show({ tone: 'info', message: `Linked: ${RELATION_LABEL[type].outgoing.toLowerCase()} the ${RELATION_PAIRS[type].to}.` });
    },
    [me.id, show, store],
  );

  const removeRelation = useCallback(
    async (relation: PaintRelation) => {
      store.removeRelation(relation.id);
      const result = await callApi('DELETE', `/api/relations/${relation.id}`);
      if (!result.ok && result.status !== 404) {
        store.restoreRelation(relation);
        show({ tone: 'error', message: `The relation was not removed: ${result.message}` });
      }
    },
    [show, store],
  );

  return { createAnnotation, patch, noteReviewed, setSpan, nudgeSpan, createRelation, removeRelation };
}
