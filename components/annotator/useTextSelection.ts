'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { RELATION_PAIRS, type AnnotationKindName } from '@/lib/annotations/model';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import { snapSelection } from '@/lib/annotations/snap';
import { rangeOfSpan, selectionOffsets, type TextElements } from './dom-offsets';
import type { ShowToast } from './Toasts';
import type { Picking } from './useRelationPicking';

interface Options extends TextElements {
  canAnnotate: boolean;
  /** Where a keyboard selection starts when none is in the text: after this annotation. */
  selected: PaintAnnotation | undefined;
  createAnnotation: (kind: AnnotationKindName, span: { start: number; end: number }) => Promise<PaintAnnotation | null>;
  picking: Picking | null;
  cancelPicking: () => void;
  link: (picking: Picking, toId: string) => Promise<void>;
  show: ShowToast;
}

const ARROWS: Record<string, ['forward' | 'backward', 'line' | null]> = {
  ArrowRight: ['forward', null],
  ArrowLeft: ['backward', null],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
};

/**
 * Selecting text to tag: by pointer (snapped to whole words on release) or by keyboard (arrows move
 * a one-word cursor, Shift extends it), with the toolbar over the selection and tagging from it.
 * Alt keeps a selection to the character, so the last gesture's Alt is remembered for tagging.
 */
export function useTextSelection({
  text: articleText,
  canAnnotate,
  textRef,
  wrapRef,
  selected,
  createAnnotation,
  picking,
  cancelPicking,
  link,
  show,
}: Options) {
  const [toolbar, setToolbar] = useState<{ top: number; left: number } | null>(null);
  const altHeld = useRef(false);

  const createFromSelection = useCallback(
    async (kind: AnnotationKindName) => {
      const text = textRef.current;
      const offsets = text ? selectionOffsets(text) : null;
      if (!offsets || !canAnnotate) return;
      const span = snapSelection(articleText, offsets, { words: !altHeld.current });
      document.getSelection()?.removeAllRanges();
      setToolbar(null);
      if (!span) {
        show({ tone: 'error', message: 'Select some words first: white space alone cannot be tagged.' });
        return;
      }
      const linking = picking;
      if (linking) cancelPicking();
      const created = await createAnnotation(kind, span);
      if (created && linking && RELATION_PAIRS[linking.type].to === kind) await link(linking, created.id);
    },
    [articleText, canAnnotate, cancelPicking, createAnnotation, link, picking, show, textRef],
  );

  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const text = textRef.current;
        const wrap = wrapRef.current;
        const selection = document.getSelection();
        if (
          !canAnnotate ||
          !text ||
          !wrap ||
          !selection ||
          selection.isCollapsed ||
          selection.rangeCount === 0 ||
          !text.contains(selection.anchorNode) ||
          !text.contains(selection.focusNode)
        ) {
          setToolbar(null);
          return;
        }
        const rect = selection.getRangeAt(0).getClientRects()[0] ?? selection.getRangeAt(0).getBoundingClientRect();
        const outer = wrap.getBoundingClientRect();
        setToolbar({ top: rect.top - outer.top - 6, left: Math.max(120, Math.min(outer.width - 120, rect.left - outer.left + rect.width / 2)) });
      });
    };
    document.addEventListener('selectionchange', update);
    return () => {
      document.removeEventListener('selectionchange', update);
      cancelAnimationFrame(frame);
    };
  }, [canAnnotate, textRef, wrapRef]);

  function onPointerUp(event: React.PointerEvent) {
    altHeld.current = event.altKey;
    const text = textRef.current;
    if (!text || event.altKey || event.pointerType === 'touch') return;
    const offsets = selectionOffsets(text);
    if (!offsets) return;
    const snapped = snapSelection(articleText, offsets);
    if (!snapped || (snapped.start === offsets.start && snapped.end === offsets.end)) return;
    const range = rangeOfSpan(text, snapped.start, snapped.end);
    const selection = document.getSelection();
    if (range && selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
  }

  /** Where a keyboard selection starts: after the selected annotation, or at the first paragraph in view. */
  function placeCaret(selection: Selection) {
    const text = textRef.current;
    if (!text) return;
    let offset = selected?.end;
    if (offset === undefined) {
      const inView = [...text.querySelectorAll<HTMLElement>('p[data-start]')].find((p) => p.getBoundingClientRect().bottom > 0);
      offset = Number(inView?.dataset.start ?? 0);
    }
    const range = rangeOfSpan(text, offset, offset);
    if (range) selection.collapse(range.startContainer, range.startOffset);
  }

  /** Arrow keys in the text select words; true when the key was used for that. */
  function moveWithKeyboard(event: KeyboardEvent): boolean {
    const text = textRef.current;
    const selection = document.getSelection();
    if (!text || !selection) return false;
    const arrow = ARROWS[event.key];
    if (!arrow || event.ctrlKey || event.metaKey) return false;
    const focused = document.activeElement === text;
    const inText = selection.rangeCount > 0 && text.contains(selection.anchorNode);
    if (!focused && !(event.shiftKey && inText)) return false;
    if (!event.shiftKey && arrow[1] === 'line') return false;
    const [direction, line] = arrow;
    if (!inText) placeCaret(selection);
    altHeld.current = event.altKey;
    const granularity = line ?? (event.altKey ? 'character' : 'word');
    if (event.shiftKey) selection.modify('extend', direction, granularity);
    else {
      // Plain arrows move a one-word cursor, so there is always something visible to extend.
      if (direction === 'forward') selection.collapseToEnd();
      else selection.collapseToStart();
      selection.modify('extend', direction, 'word');
    }
    return true;
  }

  return { toolbar, createFromSelection, onPointerUp, moveWithKeyboard };
}
