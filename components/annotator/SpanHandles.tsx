'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import { snapSelection } from '@/lib/annotations/snap';
import { offsetAtPoint, rangeOfSpan, type TextElements } from './dom-offsets';

interface Props extends TextElements {
  annotation: PaintAnnotation;
  /** Shows a span while it is dragged, without saving. */
  preview: (a: PaintAnnotation) => void;
  commit: (id: string, start: number, end: number) => void;
  nudge: (edge: 'start' | 'end', direction: 1 | -1) => void;
}

type Edge = 'start' | 'end';

/**
 * Two grips at the ends of one's own selected annotation. Dragging one moves that end to the
 * word under the pointer (Alt: the exact character); with focus, the arrow keys move it a word.
 */
export function SpanHandles({ annotation, text, textRef, wrapRef, preview, commit, nudge }: Props) {
  const [positions, setPositions] = useState<Record<Edge, { top: number; left: number; height: number }> | null>(null);
  const [resizeTick, setResizeTick] = useState(0);
  const drag = useRef<{ edge: Edge; original: PaintAnnotation; latest: PaintAnnotation } | null>(null);

  useLayoutEffect(() => {
    const onResize = () => setResizeTick((n) => n + 1);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useLayoutEffect(() => {
    const container = textRef.current;
    const wrap = wrapRef.current;
    const range = container ? rangeOfSpan(container, annotation.start, annotation.end) : null;
    if (!range || !wrap) {
      setPositions(null);
      return;
    }
    const rects = range.getClientRects();
    const first = rects[0];
    const last = rects[rects.length - 1];
    const outer = wrap.getBoundingClientRect();
    if (!first || !last) return;
    setPositions({
      start: { top: first.top - outer.top, left: first.left - outer.left, height: first.height },
      end: { top: last.top - outer.top, left: last.right - outer.left, height: last.height },
    });
  }, [annotation.start, annotation.end, textRef, wrapRef, resizeTick]);

  if (!positions) return null;

  const onPointerDown = (edge: Edge) => (event: React.PointerEvent<HTMLButtonElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { edge, original: annotation, latest: annotation };
  };
  const onPointerMove = (event: React.PointerEvent) => {
    const state = drag.current;
    const container = textRef.current;
    if (!state || !container) return;
    const offset = offsetAtPoint(container, event.clientX, event.clientY);
    if (offset === null) return;
    const raw =
      state.edge === 'start'
        ? { start: Math.min(offset, state.latest.end - 1), end: state.latest.end }
        : { start: state.latest.start, end: Math.max(offset, state.latest.start + 1) };
    const span = snapSelection(text, raw, { words: !event.altKey });
    if (!span || (span.start === state.latest.start && span.end === state.latest.end)) return;
    state.latest = { ...state.latest, ...span };
    preview(state.latest);
  };
  const onPointerUp = () => {
    const state = drag.current;
    drag.current = null;
    if (!state) return;
    if (state.latest.start !== state.original.start || state.latest.end !== state.original.end) {
      preview(state.original);
      commit(annotation.id, state.latest.start, state.latest.end);
    }
  };
  const onKeyDown = (edge: Edge) => (event: React.KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    event.stopPropagation();
    nudge(edge, event.key === 'ArrowRight' ? 1 : -1);
  };

  return (['start', 'end'] as const).map((edge) => (
    <button
      key={edge}
      type="button"
      aria-label={`${edge === 'start' ? 'Start' : 'End'} of the span: drag it, or press the left and right arrow keys`}
      className={`absolute z-10 w-1.5 cursor-ew-resize touch-none rounded-full bg-indigo-700 before:absolute before:-inset-x-2 before:inset-y-0 focus-visible:bg-indigo-950 ${edge === 'start' ? '-translate-x-full' : ''}`}
      style={{ top: positions[edge].top - 2, left: positions[edge].left, height: positions[edge].height + 4 }}
      onPointerDown={onPointerDown(edge)}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown(edge)}
    />
  ));
}
