'use client';

import { useCallback, useRef, type RefObject } from 'react';
import { RELATION_PAIRS, type RelationTypeName, type AnnotationKindName, RELATION_LABEL } from '@/lib/annotations/model';
import type { PaintAnnotation, PaintRelation } from '@/lib/annotations/paint';
import { nextWordBoundary, snapSelection } from '@/lib/annotations/snap';
import { callApi } from '@/lib/http/client';
import type { ShowToast } from './Toasts';
import { toPaint, type AnnotationChanges, type AnnotationJson, type PatchResult, type RelationJson, type SelectAnnotation } from './types';
import type { AnnotationStore } from './useAnnotationStore';

interface Options {
  article: { id: string; text: string };
  me: { id: string; name: string };
  storeRef: RefObject<AnnotationStore>;
  selectedRef: RefObject<string | null>;
  select: SelectAnnotation;
  setSelectedId: (id: string) => void;
  show: ShowToast;
  isDeletePending: (id: string) => boolean;
}

/**
 * The annotator's writes: shown at once, then sent, and rolled back with a message when the
 * server refuses. Edits of one annotation are queued so each carries the version the last one left.
 */
export function useAnnotationMutations({ article, me, storeRef, selectedRef, select, setSelectedId, show, isDeletePending }: Options) {
  const tempSeq = useRef(0);
  const patchQueue = useRef(new Map<string, Promise<unknown>>());
  // The store seen by an edit may lag a render behind the previous edit's answer: its version is kept apart.
  const latestVersion = useRef(new Map<string, number>());

  const createAnnotation = useCallback(
    async (kind: AnnotationKindName, span: { start: number; end: number }): Promise<PaintAnnotation | null> => {
      const temp: PaintAnnotation = { id: `tmp-${++tempSeq.current}`, kind, ...span, status: 'pending', authorId: me.id, version: 1, unattributed: false };
      storeRef.current.upsert(temp, me.name);
      select(temp.id, { open: true });
      const result = await callApi<AnnotationJson>('POST', `/api/articles/${article.id}/annotations`, {
        kind,
        ...span,
        exact: article.text.slice(span.start, span.end),
      });
      if (!result.ok) {
        storeRef.current.remove(temp.id);
        if (selectedRef.current === temp.id) select(null);
        show({ tone: 'error', message: `The ${kind} was not saved: ${result.message}` });
        return null;
      }
      const saved = toPaint(result.data);
      storeRef.current.upsert(saved, result.data.author.name, temp.id);
      if (selectedRef.current === temp.id) setSelectedId(saved.id);
      return saved;
    },
    [article.id, article.text, me.id, me.name, select, selectedRef, setSelectedId, show, storeRef],
  );

  const patch = useCallback(
    (id: string, changes: AnnotationChanges, version?: number): Promise<PatchResult> => {
      const run = async (): Promise<PatchResult> => {
        const before = storeRef.current.byId.get(id);
        if (!before || isDeletePending(id)) return { ok: false, message: 'This annotation no longer exists.', fieldErrors: {} };
        if (id.startsWith('tmp-')) return { ok: false, message: 'Wait a moment: the annotation is still being saved.', fieldErrors: {} };
        const preview: PaintAnnotation = {
          ...before,
          ...(changes.kind ? { kind: changes.kind } : {}),
          ...(changes.start !== undefined && changes.end !== undefined ? { start: changes.start, end: changes.end } : {}),
          ...(changes.unattributed !== undefined ? { unattributed: changes.unattributed } : {}),
        };
        storeRef.current.upsert(preview);
        const base = version ?? Math.max(before.version, latestVersion.current.get(id) ?? 0);
        const result = await callApi<AnnotationJson>('PATCH', `/api/annotations/${id}`, { version: base, ...changes });
        if (isDeletePending(id)) return { ok: false, message: 'The annotation was deleted.', fieldErrors: {} };
        if (result.ok) {
          latestVersion.current.set(id, result.data.version);
          storeRef.current.upsert(toPaint(result.data), result.data.author.name);
          return { ok: true, annotation: result.data };
        }
        const current = result.status === 409 && result.current ? (result.current as AnnotationJson) : undefined;
        if (current) latestVersion.current.delete(id);
        storeRef.current.upsert(current ? toPaint(current) : { ...before, version: Math.max(before.version, latestVersion.current.get(id) ?? 0) });
        if (!current && result.status !== 400) show({ tone: 'error', message: result.message });
        return { ok: false, message: result.message, fieldErrors: result.fieldErrors, conflict: current };
      };
      const queued = (patchQueue.current.get(id) ?? Promise.resolve()).then(run, run);
      patchQueue.current.set(id, queued);
      return queued;
    },
    [isDeletePending, show, storeRef],
  );

  /** A review decision was recorded elsewhere (the panel): later edits build on its version. */
  const noteReviewed = useCallback(
    (a: AnnotationJson) => {
      latestVersion.current.set(a.id, a.version);
      storeRef.current.upsert(toPaint(a), a.author.name);
    },
    [storeRef],
  );

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
      const a = selectedRef.current ? storeRef.current.byId.get(selectedRef.current) : undefined;
      if (!a) return;
      const moved = nextWordBoundary(article.text, edge === 'start' ? a.start : a.end, direction);
      const next = edge === 'start' ? snapSelection(article.text, { start: moved, end: a.end }) : snapSelection(article.text, { start: a.start, end: moved });
      if (!next || next.start >= next.end || (next.start === a.start && next.end === a.end)) return;
      setSpan(a.id, next.start, next.end);
    },
    [article.text, selectedRef, setSpan, storeRef],
  );

  const createRelation = useCallback(
    async (fromId: string, toId: string, type: RelationTypeName) => {
      const temp: PaintRelation = { id: `tmp-rel-${++tempSeq.current}`, fromId, toId, type, authorId: me.id };
      storeRef.current.putRelation(temp);
      const result = await callApi<RelationJson>('POST', '/api/relations', { fromId, toId, type });
      if (!result.ok) {
        storeRef.current.removeRelation(temp.id);
        show({ tone: 'error', message: `Not linked: ${result.message}` });
        return;
      }
      storeRef.current.putRelation({ id: result.data.id, fromId, toId, type, authorId: result.data.author.id }, temp.id);
      show({ tone: 'info', message: `Linked: ${RELATION_LABEL[type].outgoing.toLowerCase()} the ${RELATION_PAIRS[type].to}.` });
    },
    [me.id, show, storeRef],
  );

  const removeRelation = useCallback(
    async (relation: PaintRelation) => {
      storeRef.current.removeRelation(relation.id);
      const result = await callApi('DELETE', `/api/relations/${relation.id}`);
      if (!result.ok && result.status !== 404) {
        storeRef.current.putRelation(relation);
        show({ tone: 'error', message: `The relation was not removed: ${result.message}` });
      }
    },
    [show, storeRef],
  );

  return { createAnnotation, patch, noteReviewed, setSpan, nudgeSpan, createRelation, removeRelation };
}
