'use client';

import { useMemo, useRef } from 'react';
import type { PaintRelation } from '@/lib/annotations/paint';

/** One CSS rule for the given spans (empty without any), so emphasis never re-renders the text. */
const spanRule = (ids: string[], body: string) => (ids.length ? `${ids.map((id) => `.annotator-text [data-id="${CSS.escape(id)}"]`).join(',')}{${body}}` : '');

const relatedTo = (relations: Map<string, PaintRelation>, id: string | null) =>
  id ? [...relations.values()].flatMap((r) => (r.fromId === id ? [r.toId] : r.toId === id ? [r.fromId] : [])) : [];

/**
 * Outlines on the text: the selected span and the spans it is linked to (a generated `<style>`),
 * and, while hovering, the spans linked to the hovered one (written straight into a second `<style>`).
 */
export function useHighlightEmphasis(painted: boolean, selectedId: string | null, relations: Map<string, PaintRelation>) {
  const hoverStyle = useRef<HTMLStyleElement>(null);
  const hovered = useRef<string | null>(null);

  const emphasis = useMemo(() => {
    if (!painted) return '';
    return [
      spanRule(selectedId ? [selectedId] : [], 'outline:2px solid #4338ca;outline-offset:1px;border-radius:2px'),
      spanRule(relatedTo(relations, selectedId), 'outline:2px dashed #6d28d9;outline-offset:1px'),
    ].join('\n');
  }, [painted, selectedId, relations]);

  function showRelatedOf(id: string | null) {
    if (id === hovered.current || !hoverStyle.current) return;
    hovered.current = id;
    hoverStyle.current.textContent = spanRule(relatedTo(relations, id), 'box-shadow:0 0 0 2px #9333ea;border-radius:2px');
  }

  function onPointerOver(event: React.PointerEvent) {
    const element = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-id]') : null;
    showRelatedOf(element?.dataset.id ?? null);
  }

  return { emphasis, hoverStyle, onPointerOver, onPointerLeave: () => showRelatedOf(null) };
}
