'use client';

import { useCallback, useMemo, useState } from 'react';
import type { PaintAnnotation, PaintData, PaintRelation } from '@/lib/annotations/paint';
import { buildParagraphIndex, updateParagraphIndex, type ParagraphRange } from '@/lib/annotations/paragraph-index';

interface StoreState {
  byId: Map<string, PaintAnnotation>;
  perParagraph: PaintAnnotation[][];
  relations: Map<string, PaintRelation>;
  users: Record<string, string>;
}

function fromData(paragraphs: readonly ParagraphRange[], data: PaintData): StoreState {
  return {
    byId: new Map(data.annotations.map((a) => [a.id, a])),
    perParagraph: buildParagraphIndex(paragraphs, data.annotations),
    relations: new Map(data.relations.map((r) => [r.id, r])),
    users: data.users,
  };
}

/**
 * The annotator's annotations and relations. Every change touches only the paragraphs it
 * concerns (see paragraph-index.ts), which keeps a repaint after an edit within one frame.
 */
export function useAnnotationStore(paragraphs: readonly ParagraphRange[], initial: PaintData) {
  const [state, setState] = useState(() => fromData(paragraphs, initial));

  const replaceAll = useCallback((data: PaintData) => setState(fromData(paragraphs, data)), [paragraphs]);

  const upsert = useCallback(
    (annotation: PaintAnnotation, authorName?: string, replacesId?: string) =>
      setState((s) => {
        const previousId = replacesId ?? annotation.id;
        const before = s.byId.get(previousId);
        const byId = new Map(s.byId);
        let perParagraph = s.perParagraph;
        if (replacesId && before) {
          byId.delete(replacesId);
          perParagraph = updateParagraphIndex(perParagraph, paragraphs, before, undefined);
        }
        const current = byId.get(annotation.id);
        byId.set(annotation.id, annotation);
        perParagraph = updateParagraphIndex(perParagraph, paragraphs, current, annotation);
        const users = authorName && s.users[annotation.authorId] !== authorName ? { ...s.users, [annotation.authorId]: authorName } : s.users;
        return { ...s, byId, perParagraph, users };
      }),
    [paragraphs],
  );

  /** A change heard from the server: applied only when newer than what is shown (decided on the latest state). */
  const upsertIfNewer = useCallback(
    (annotation: PaintAnnotation, authorName?: string) =>
      setState((s) => {
        const current = s.byId.get(annotation.id);
        if (current && (current.version > annotation.version || (current.version === annotation.version && current.status === annotation.status))) return s;
        const byId = new Map(s.byId);
        byId.set(annotation.id, annotation);
        const users = authorName && s.users[annotation.authorId] !== authorName ? { ...s.users, [annotation.authorId]: authorName } : s.users;
        return { ...s, byId, users, perParagraph: updateParagraphIndex(s.perParagraph, paragraphs, current, annotation) };
      }),
    [paragraphs],
  );

  const remove = useCallback(
    (id: string) =>
      setState((s) => {
        const before = s.byId.get(id);
        if (!before) return s;
        const byId = new Map(s.byId);
        byId.delete(id);
        const relations = new Map([...s.relations].filter(([, r]) => r.fromId !== id && r.toId !== id));
        return { ...s, byId, relations, perParagraph: updateParagraphIndex(s.perParagraph, paragraphs, before, undefined) };
      }),
    [paragraphs],
  );

  const putRelation = useCallback((relation: PaintRelation, replacesId?: string) => {
    setState((s) => {
      const relations = new Map(s.relations);
      if (replacesId) relations.delete(replacesId);
      relations.set(relation.id, relation);
      return { ...s, relations };
    });
  }, []);

  const removeRelation = useCallback((id: string) => {
    setState((s) => {
      if (!s.relations.has(id)) return s;
      const relations = new Map(s.relations);
      relations.delete(id);
      return { ...s, relations };
    });
  }, []);

  /** Annotations in reading order, for J/K and the legend. */
  const ordered = useMemo(() => [...state.byId.values()].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1)), [state.byId]);

  return { ...state, ordered, replaceAll, upsert, upsertIfNewer, remove, putRelation, removeRelation };
}

export type AnnotationStore = ReturnType<typeof useAnnotationStore>;
