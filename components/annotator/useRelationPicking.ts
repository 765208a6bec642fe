'use client';

import { useCallback, useState, type RefObject } from 'react';
import { RELATION_PAIRS, type RelationTypeName } from '@/lib/annotations/model';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import type { ShowToast } from './Toasts';
import type { SelectAnnotation } from './types';

/** Linking in progress: the annotation the relation starts from, and which relation it is. */
export interface Picking {
  fromId: string;
  type: RelationTypeName;
}

interface Options {
  textRef: RefObject<HTMLDivElement | null>;
  createRelation: (fromId: string, toId: string, type: RelationTypeName) => Promise<void>;
  select: SelectAnnotation;
  show: ShowToast;
}

/**
 * Relation picking: after "link to…" in the panel, the next highlight of the wanted kind (clicked,
 * reached with J/K and Enter, or newly tagged) becomes the relation's target.
 */
export function useRelationPicking({ textRef, createRelation, select, show }: Options) {
  const [picking, setPicking] = useState<Picking | null>(null);

  // The banner above the text explains picking (role=status), so no toast is needed.
  const startPicking = useCallback(
    (fromId: string, type: RelationTypeName) => {
      setPicking({ fromId, type });
      // Picking happens in the text (click, or J/K then Enter): take the keyboard there.
      textRef.current?.focus();
    },
    [textRef],
  );

  const cancelPicking = useCallback(() => setPicking(null), []);

  /** Links, then goes back to the annotation the link starts from. */
  const link = useCallback(
    async ({ fromId, type }: Picking, toId: string) => {
      await createRelation(fromId, toId, type);
      select(fromId, { open: true });
    },
    [createRelation, select],
  );

  /** Ends picking on the first candidate of the wanted kind; without one, says how to reach one (`how`). */
  const pickTarget = useCallback(
    (candidates: readonly PaintAnnotation[], how: (wanted: string) => string) => {
      if (!picking) return;
      const wanted = RELATION_PAIRS[picking.type].to;
      const target = candidates.find((a) => a.kind === wanted);
      if (!target) {
        show({ tone: 'error', message: `That is not a ${wanted}: ${how(wanted)}, or press Esc to cancel.` });
        return;
      }
      setPicking(null);
      void link(picking, target.id);
    },
    [link, picking, show],
  );

  return { picking, startPicking, cancelPicking, link, pickTarget };
}
