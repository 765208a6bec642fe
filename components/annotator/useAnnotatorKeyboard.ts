'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { RELATION_PAIRS, type AnnotationKindName } from '@/lib/annotations/model';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import { isVisible, type Filters } from './Legend';
import { orderedAnnotations, type AnnotatorStore } from './store/annotator-store';
import type { SelectAnnotation } from './types';
import type { useRelationPicking } from './useRelationPicking';
import type { useTextSelection } from './useTextSelection';
import { isTyping } from '@/components/ui/is-typing';

const KEY_KINDS: Record<string, AnnotationKindName> = { c: 'claim', '1': 'claim', e: 'event', '2': 'event', s: 'source', '3': 'source' };

interface Options {
  store: AnnotatorStore;
  filters: Filters;
  meId: string;
  select: SelectAnnotation;
  announce: (a: PaintAnnotation, position?: string) => void;
  /** Says something to screen readers that is not about one annotation. */
  say: (message: string) => void;
  openPanel: () => void;
  closePanel: () => void;
  sheetOpen: boolean;
  openSheet: () => void;
  textRef: RefObject<HTMLDivElement | null>;
  asideRef: RefObject<HTMLElement | null>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  textSelection: Pick<ReturnType<typeof useTextSelection>, 'toolbar' | 'createFromSelection' | 'moveWithKeyboard'>;
  relationPicking: Pick<ReturnType<typeof useRelationPicking>, 'picking' | 'cancelPicking' | 'pickTarget'>;
  undoLastDelete: () => boolean;
  requestDelete: (id: string) => void;
}

/**
 * The annotator's shortcuts (listed in ShortcutSheet), on the whole document so they work from the
 * text and the panel alike; fields being typed in keep their keys, except Esc.
 */
export function useAnnotatorKeyboard(options: Options) {
  function step(direction: 1 | -1) {
    const { store, filters, meId, select, announce, say } = options;
    const state = store.getState();
    const { id: selectedId, open: panelOpen } = state.selection;
    const visible = orderedAnnotations(state).filter((a) => isVisible(a, filters, meId));
    if (visible.length === 0) {
      say('No annotations to move to.');
      return;
    }
    const current = selectedId ? visible.findIndex((a) => a.id === selectedId) : -1;
    const index = current === -1 ? (direction === 1 ? 0 : visible.length - 1) : (current + direction + visible.length) % visible.length;
    const next = visible[index]!;
    select(next.id, { open: panelOpen, scroll: true });
    announce(next, `${index + 1} of ${visible.length}`);
  }

  function onKeyDown(event: KeyboardEvent) {
    const { store, select, openPanel, closePanel, sheetOpen, openSheet, textRef, asideRef, headingRef, undoLastDelete, requestDelete } = options;
    const { id: selectedId, open: panelOpen } = store.getState().selection;
    const { toolbar, createFromSelection, moveWithKeyboard } = options.textSelection;
    const { picking, cancelPicking, pickTarget } = options.relationPicking;
    if (event.defaultPrevented || sheetOpen) return;
    if (event.key === 'Escape' && isTyping(event.target) && asideRef.current?.contains(event.target as Node)) {
      // Esc leaves a field first (keeping what was typed); the next Esc closes the panel.
      (event.target as HTMLElement).blur();
      headingRef.current?.focus();
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape') {
      const selection = document.getSelection();
      if (picking) cancelPicking();
      else if (selection && !selection.isCollapsed && textRef.current?.contains(selection.anchorNode)) selection.removeAllRanges();
      else if (panelOpen) closePanel();
      else if (selectedId) select(null);
      else return;
      event.preventDefault();
      return;
    }
    if (isTyping(event.target)) return;
    if (moveWithKeyboard(event)) {
      event.preventDefault();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && undoLastDelete()) {
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (toolbar && KEY_KINDS[key] && !event.altKey) {
      const kind = KEY_KINDS[key];
      if (picking && RELATION_PAIRS[picking.type].to !== kind) return;
      event.preventDefault();
      void createFromSelection(kind);
    } else if (event.key === '?') {
      event.preventDefault();
      openSheet();
    } else if (key === 'j' || key === 'k') {
      event.preventDefault();
      step(key === 'j' ? 1 : -1);
    } else if (event.key === 'Enter' && selectedId && picking && !(target && /^(BUTTON|A|SUMMARY)$/.test(target.tagName))) {
      // Linking from the keyboard: J/K to a highlight of the wanted kind, then Enter.
      event.preventDefault();
      const chosen = store.getState().byId.get(selectedId);
      pickTarget(chosen ? [chosen] : [], (wanted) => `move to a ${wanted} with J/K`);
    } else if (event.key === 'Enter' && selectedId && !(target && /^(BUTTON|A|SUMMARY)$/.test(target.tagName))) {
      event.preventDefault();
      openPanel();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId && !toolbar) {
      event.preventDefault();
      requestDelete(selectedId);
    }
  }

  const keyHandler = useRef(onKeyDown);
  useEffect(() => {
    keyHandler.current = onKeyDown;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
