'use client';

import './annotator.css';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { RELATION_PAIRS, unpackPaintData, type LiveMessage, type PackedPaintData, type PaintAnnotation, type PaintData, type PaintRelation, type RelationTypeName } from '@/lib/annotations/paint';
import type { AnnotationKindName } from '@/lib/annotations/schemas';
import { nextWordBoundary, snapSelection } from '@/lib/annotations/snap';
import { splitParagraphs } from '@/lib/articles/paragraphs';
import { callApi } from '@/lib/http/client';
import { AnnotationPanel, RELATION_LABEL, type PanelActions } from './AnnotationPanel';
import { ArticleText } from './ArticleText';
import { rangeOfSpan, selectionOffsets } from './dom-offsets';
import { filterClasses, isVisible, KIND_LABEL, Legend, STATUS_LABEL, type Filters } from './Legend';
import { SelectionToolbar } from './SelectionToolbar';
import { ShortcutSheet } from './ShortcutSheet';
import { SpanHandles } from './SpanHandles';
import { Toasts, useToasts } from './Toasts';
import { toPaint, type AnnotationChanges, type AnnotationJson, type PatchResult, type RelationJson } from './types';
import { useAnnotationStore } from './useAnnotationStore';
import { useLiveUpdates } from './useLiveUpdates';

export interface AnnotatorProps {
  article: { id: string; text: string; archived: boolean; language: string | null };
  /** Streamed after the text: the page does not wait for it (see the article page). */
  paint: Promise<PackedPaintData | null>;
  me: { id: string; name: string; canAnnotate: boolean; canComment: boolean; canReview: boolean };
  rejectReasons: readonly string[];
}

const UNDO_MS = 6000;
const KEY_KINDS: Record<string, AnnotationKindName> = { c: 'claim', '1': 'claim', e: 'event', '2': 'event', s: 'source', '3': 'source' };
const ALL_KINDS: AnnotationKindName[] = ['claim', 'event', 'source'];
const noSubscribe = () => () => {};
const NO_PAINT_DATA: PaintData = { annotations: [], relations: [], users: {} };
type ArticleMessage = Exclude<LiveMessage, { t: 'resync' } | { t: 'listening' }>;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName) || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)));

/** The annotator: the article with its highlights, the selection toolbar, the legend and the panel. */
export function Annotator({ article, paint, me, rejectReasons }: AnnotatorProps) {
  const paragraphs = useMemo(() => splitParagraphs(article.text), [article.text]);
  const store = useAnnotationStore(paragraphs, NO_PAINT_DATA);
  const [loaded, setLoaded] = useState(false);
  const fingerprint = useRef<string | null>(null);
  // Live messages wait until the snapshot they follow is in place.
  const waiting = useRef<ArticleMessage[] | null>([]);
  const listeningEarly = useRef(false);
  const loadedRef = useRef(false);
  const asideRef = useRef<HTMLElement>(null);
  const storeRef = useRef(store);
  // Highlights are drawn only once hydrated: the server HTML carries the plain text.
  const painted = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const canAnnotate = me.canAnnotate && !article.archived;

  const wrapRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [focusPanel, setFocusPanel] = useState(0);
  const [toolbar, setToolbar] = useState<{ top: number; left: number } | null>(null);
  const [filters, setFilters] = useState<Filters>({ hiddenKinds: new Set(), hiddenStatuses: new Set(), author: 'all' });
  const [picking, setPicking] = useState<{ fromId: string; type: RelationTypeName } | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const hoverStyle = useRef<HTMLStyleElement>(null);
  const hovered = useRef<string | null>(null);
  const [commentTicks, setCommentTicks] = useState<Record<string, number>>({});
  const [announcement, setAnnouncement] = useState('');
  const { toasts, show, dismiss } = useToasts();
  const altHeld = useRef(false);
  const lastChain = useRef('');
  const tempSeq = useRef(0);
  const patchQueue = useRef(new Map<string, Promise<unknown>>());
  const latestVersion = useRef(new Map<string, number>());
  const resyncSerial = useRef(0);
  const onLiveRef = useRef<(message: ArticleMessage) => void>(() => {});
  const pendingDeletes = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; annotation: PaintAnnotation; relations: PaintRelation[] }>());
  const selectedRef = useRef<string | null>(null);
  const lastDeleted = useRef<string | null>(null);

  useEffect(() => {
    storeRef.current = store;
    selectedRef.current = selectedId;
  });

  // Tell tests and benchmarks when every highlight is on screen (two frames: laid out and painted).
  useEffect(() => {
    if (!painted || !loaded) return;
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => textRef.current?.setAttribute('data-ready', 'true')));
    return () => cancelAnimationFrame(frame);
  }, [painted, loaded]);

  useEffect(() => {
    if (focusPanel) headingRef.current?.focus();
  }, [focusPanel]);

  // A link to one annotation (`#annotation-<id>`, from the review queue or the dashboard) opens it.
  const [linkedId, setLinkedId] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setLinkedId(/^#annotation-([A-Za-z0-9_-]+)$/.exec(window.location.hash)?.[1] ?? null);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  const announce = useCallback((a: PaintAnnotation, position?: string) => {
    const quote = article.text.slice(a.start, Math.min(a.end, a.start + 120));
    setAnnouncement(`${KIND_LABEL[a.kind]}${position ? ` ${position}` : ''}: “${quote}”, ${STATUS_LABEL[a.status].replace(/ [✓✗]$/, '').toLowerCase()}, by ${storeRef.current.users[a.authorId] ?? 'someone'}.`);
  }, [article.text]);

  const select = useCallback(
    (id: string | null, { open = true, scroll = false }: { open?: boolean; scroll?: boolean } = {}) => {
      setSelectedId(id);
      setPanelOpen(id !== null && open);
      if (!id) return;
      const annotation = storeRef.current.byId.get(id);
      if (annotation) announce(annotation);
      if (scroll) textRef.current?.querySelector(`[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
    },
    [announce],
  );

  useEffect(() => {
    if (!loaded || !linkedId || !storeRef.current.byId.has(linkedId)) return;
    const frame = requestAnimationFrame(() => select(linkedId, { open: true, scroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [loaded, linkedId, select]);

  // ---- Writes: optimistic, rolled back with a message when the server refuses. ----

  const createAnnotation = useCallback(
    async (kind: AnnotationKindName, span: { start: number; end: number }): Promise<PaintAnnotation | null> => {
      const temp: PaintAnnotation = { id: `tmp-${++tempSeq.current}`, kind, ...span, status: 'pending', authorId: me.id, version: 1, unattributed: false };
      storeRef.current.upsert(temp, me.name);
      select(temp.id, { open: true });
      const result = await callApi<AnnotationJson>('POST', `/api/articles/${article.id}/annotations`, { kind, ...span, exact: article.text.slice(span.start, span.end) });
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
    [article.id, article.text, me.id, me.name, select, show],
  );

  const patch = useCallback(
    (id: string, changes: AnnotationChanges, version?: number): Promise<PatchResult> => {
      // One edit of an annotation at a time, each sent with the version the previous one left.
      const run = async (): Promise<PatchResult> => {
        const before = storeRef.current.byId.get(id);
        if (!before || pendingDeletes.current.has(id)) return { ok: false, message: 'This annotation no longer exists.', fieldErrors: {} };
        if (id.startsWith('tmp-')) return { ok: false, message: 'Wait a moment: the annotation is still being saved.', fieldErrors: {} };
        const preview: PaintAnnotation = {
          ...before,
          ...(changes.kind ? { kind: changes.kind } : {}),
          ...(changes.start !== undefined && changes.end !== undefined ? { start: changes.start, end: changes.end } : {}),
          ...(changes.unattributed !== undefined ? { unattributed: changes.unattributed } : {}),
        };
        storeRef.current.upsert(preview);
        // The store seen here may lag a render behind the previous edit's answer: its version is kept apart.
        const base = version ?? Math.max(before.version, latestVersion.current.get(id) ?? 0);
        const result = await callApi<AnnotationJson>('PATCH', `/api/annotations/${id}`, { version: base, ...changes });
        if (pendingDeletes.current.has(id)) return { ok: false, message: 'The annotation was deleted.', fieldErrors: {} };
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
    [show],
  );

  const setSpan = useCallback(
    (id: string, start: number, end: number) => {
      if (start >= end) return;
      void patch(id, { start, end, exact: article.text.slice(start, end) });
    },
    [article.text, patch],
  );

  const nudgeSpan = useCallback(
    (edge: 'start' | 'end', direction: 1 | -1) => {
      const a = selectedRef.current ? storeRef.current.byId.get(selectedRef.current) : undefined;
      if (!a) return;
      const moved = nextWordBoundary(article.text, edge === 'start' ? a.start : a.end, direction);
      const next = edge === 'start' ? snapSelection(article.text, { start: moved, end: a.end }) : snapSelection(article.text, { start: a.start, end: moved });
      if (!next || next.start >= next.end || (next.start === a.start && next.end === a.end)) return;
      setSpan(a.id, next.start, next.end);
    },
    [article.text, setSpan],
  );

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
    [show],
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
    [select],
  );

  const requestDelete = useCallback(
    (id: string) => {
      const a = storeRef.current.byId.get(id);
      if (!a || id.startsWith('tmp-') || pendingDeletes.current.has(id)) return;
      if (a.authorId !== me.id || !canAnnotate) {
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
      show({ tone: 'info', message: `${KIND_LABEL[a.kind]} deleted (Ctrl+Z undoes).`, action: { label: 'Undo', run: () => undoDelete(id) }, duration: UNDO_MS });
    },
    [canAnnotate, commitDelete, me.id, select, show, undoDelete],
  );

  // A deletion still inside its undo window is sent when the page goes away, so it is not lost.
  useEffect(() => {
    const flush = () => {
      for (const [id, pending] of pendingDeletes.current) {
        clearTimeout(pending.timer);
        void fetch(`/api/annotations/${id}`, { method: 'DELETE', keepalive: true });
      }
      pendingDeletes.current.clear();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

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
    [me.id, show],
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
    [show],
  );

  // The banner above the text explains picking (role=status), so no toast is needed.
  const startPicking = useCallback((fromId: string, type: RelationTypeName) => {
    setPicking({ fromId, type });
    // Picking happens in the text (click, or J/K then Enter): take the keyboard there.
    textRef.current?.focus();
  }, []);

  // ---- Selection: snapping, the toolbar, creating. ----

  const createFromSelection = useCallback(
    async (kind: AnnotationKindName) => {
      const text = textRef.current;
      const offsets = text ? selectionOffsets(text) : null;
      if (!offsets || !canAnnotate) return;
      const span = snapSelection(article.text, offsets, { words: !altHeld.current });
      document.getSelection()?.removeAllRanges();
      setToolbar(null);
      if (!span) {
        show({ tone: 'error', message: 'Select some words first: white space alone cannot be tagged.' });
        return;
      }
      const linking = picking;
      if (linking) setPicking(null);
      const created = await createAnnotation(kind, span);
      if (created && linking && RELATION_PAIRS[linking.type].to === kind) {
        await createRelation(linking.fromId, created.id, linking.type);
        select(linking.fromId, { open: true });
      }
    },
    [article.text, canAnnotate, createAnnotation, createRelation, picking, select, show],
  );

  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const text = textRef.current;
        const wrap = wrapRef.current;
        const selection = document.getSelection();
        if (!canAnnotate || !text || !wrap || !selection || selection.isCollapsed || selection.rangeCount === 0 || !text.contains(selection.anchorNode) || !text.contains(selection.focusNode)) {
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
  }, [canAnnotate]);

  function onPointerUp(event: React.PointerEvent) {
    altHeld.current = event.altKey;
    const text = textRef.current;
    if (!text || event.altKey || event.pointerType === 'touch') return;
    const offsets = selectionOffsets(text);
    if (!offsets) return;
    const snapped = snapSelection(article.text, offsets);
    if (!snapped || (snapped.start === offsets.start && snapped.end === offsets.end)) return;
    const range = rangeOfSpan(text, snapped.start, snapped.end);
    const selection = document.getSelection();
    if (range && selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
  }

  /** The annotations under a click, innermost first, leaving out the ones filtered away. */
  function annotationsAt(target: EventTarget | null): PaintAnnotation[] {
    const found: PaintAnnotation[] = [];
    let element = target instanceof Element ? target.closest('[data-id]') : null;
    while (element && textRef.current?.contains(element)) {
      const a = store.byId.get((element as HTMLElement).dataset.id ?? '');
      if (a && isVisible(a, filters, me.id)) found.push(a);
      element = element.parentElement?.closest('[data-id]') ?? null;
    }
    return found;
  }

  function onClick(event: React.MouseEvent) {
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const chain = annotationsAt(event.target);
    if (picking) {
      const wanted = RELATION_PAIRS[picking.type].to;
      const hit = chain.find((a) => a.kind === wanted);
      if (!hit) {
        show({ tone: 'error', message: `That is not a ${wanted}: click a ${wanted} highlight, or press Esc to cancel.` });
        return;
      }
      const fromId = picking.fromId;
      setPicking(null);
      void createRelation(fromId, hit.id, picking.type).then(() => select(fromId, { open: true }));
      return;
    }
    if (chain.length === 0) return;
    // Clicking the same place again walks through the spans stacked there.
    const key = chain.map((a) => a.id).join(' ');
    const at = selectedId ? chain.findIndex((a) => a.id === selectedId) : -1;
    const next = (key === lastChain.current && at >= 0 ? chain[(at + 1) % chain.length] : chain[0])!;
    lastChain.current = key;
    select(next.id, { open: true });
  }

  /** Hovering a span outlines the spans it is linked to: one style rule, written directly (no re-render). */
  function showRelatedOf(id: string | null) {
    if (id === hovered.current || !hoverStyle.current) return;
    hovered.current = id;
    const related = id ? [...store.relations.values()].flatMap((r) => (r.fromId === id ? [r.toId] : r.toId === id ? [r.fromId] : [])) : [];
    hoverStyle.current.textContent = related.length ? `${related.map((r) => `.annotator-text [data-id="${CSS.escape(r)}"]`).join(',')}{box-shadow:0 0 0 2px #9333ea;border-radius:2px}` : '';
  }

  function onPointerOver(event: React.PointerEvent) {
    const element = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-id]') : null;
    showRelatedOf(element?.dataset.id ?? null);
  }

  // ---- Keyboard. ----

  /** Where a keyboard selection starts: after the selected annotation, or at the first paragraph in view. */
  function placeCaret(selection: Selection) {
    const text = textRef.current;
    if (!text) return;
    const selected = selectedId ? store.byId.get(selectedId) : undefined;
    let offset = selected?.end;
    if (offset === undefined) {
      const inView = [...text.querySelectorAll<HTMLElement>('p[data-start]')].find((p) => p.getBoundingClientRect().bottom > 0);
      offset = Number(inView?.dataset.start ?? 0);
    }
    const range = rangeOfSpan(text, offset, offset);
    if (range) selection.collapse(range.startContainer, range.startOffset);
  }

  function moveWithKeyboard(event: KeyboardEvent): boolean {
    const text = textRef.current;
    const selection = document.getSelection();
    if (!text || !selection) return false;
    const arrows: Record<string, ['forward' | 'backward', 'line' | null]> = { ArrowRight: ['forward', null], ArrowLeft: ['backward', null], ArrowDown: ['forward', 'line'], ArrowUp: ['backward', 'line'] };
    const arrow = arrows[event.key];
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

  function step(direction: 1 | -1) {
    const visible = store.ordered.filter((a) => isVisible(a, filters, me.id));
    if (visible.length === 0) {
      setAnnouncement('No annotations to move to.');
      return;
    }
    const current = selectedId ? visible.findIndex((a) => a.id === selectedId) : -1;
    const index = current === -1 ? (direction === 1 ? 0 : visible.length - 1) : (current + direction + visible.length) % visible.length;
    const next = visible[index]!;
    select(next.id, { open: panelOpen, scroll: true });
    announce(next, `${index + 1} of ${visible.length}`);
  }

  function onKeyDown(event: KeyboardEvent) {
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
      if (picking) setPicking(null);
      else if (selection && !selection.isCollapsed && textRef.current?.contains(selection.anchorNode)) selection.removeAllRanges();
      else if (panelOpen) {
        setPanelOpen(false);
        textRef.current?.focus();
      } else if (selectedId) select(null);
      else return;
      event.preventDefault();
      return;
    }
    if (isTyping(event.target)) return;
    if (moveWithKeyboard(event)) {
      event.preventDefault();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && lastDeleted.current && pendingDeletes.current.has(lastDeleted.current)) {
      event.preventDefault();
      undoDelete(lastDeleted.current);
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
      setSheetOpen(true);
    } else if (key === 'j' || key === 'k') {
      event.preventDefault();
      step(key === 'j' ? 1 : -1);
    } else if (event.key === 'Enter' && selectedId && picking && !(target && /^(BUTTON|A|SUMMARY)$/.test(target.tagName))) {
      // Linking from the keyboard: J/K to a highlight of the wanted kind, then Enter.
      event.preventDefault();
      const chosen = store.byId.get(selectedId);
      const wanted = RELATION_PAIRS[picking.type].to;
      if (chosen?.kind !== wanted) {
        show({ tone: 'error', message: `That is not a ${wanted}: move to a ${wanted} with J/K, or press Esc to cancel.` });
        return;
      }
      const { fromId, type } = picking;
      setPicking(null);
      void createRelation(fromId, chosen.id, type).then(() => select(fromId, { open: true }));
    } else if (event.key === 'Enter' && selectedId && !(target && /^(BUTTON|A|SUMMARY)$/.test(target.tagName))) {
      event.preventDefault();
      setPanelOpen(true);
      setFocusPanel((n) => n + 1);
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

  // ---- Live updates from other people. ----

  // A reload replaces everything: messages heard meanwhile wait and are applied on top of it,
  // and only the latest of overlapping reloads is used.
  const resync = useCallback(async () => {
    const serial = ++resyncSerial.current;
    waiting.current ??= [];
    const result = await callApi<PackedPaintData>('GET', `/api/articles/${article.id}/annotations?format=paint`);
    if (serial !== resyncSerial.current) return;
    const heard = waiting.current ?? [];
    waiting.current = null;
    if (result.ok) {
      fingerprint.current = result.data.f;
      storeRef.current.replaceAll(unpackPaintData(result.data));
    }
    setTimeout(() => {
      for (const message of heard) onLiveRef.current(message);
    });
  }, [article.id]);

  const onLive = useCallback(
    (message: ArticleMessage) => {
      const s = storeRef.current;
      if (message.t === 'annotation' && message.op === 'upsert') {
        if (pendingDeletes.current.has(message.annotation.id)) return;
        s.upsertIfNewer(message.annotation, message.authorName);
      } else if (message.t === 'annotation' && message.op === 'delete') {
        if (!s.byId.has(message.id)) return;
        s.remove(message.id);
        if (selectedRef.current === message.id) {
          select(null);
          show({ tone: 'info', message: 'The annotation you had open was deleted by its author.' });
        }
      } else if (message.t === 'relation' && message.op === 'create') {
        if (!s.relations.has(message.relation.id)) s.putRelation(message.relation);
      } else if (message.t === 'relation' && message.op === 'delete') {
        s.removeRelation(message.id);
      } else if (message.t === 'comment') {
        setCommentTicks((ticks) => ({ ...ticks, [message.annotationId]: (ticks[message.annotationId] ?? 0) + 1 }));
      }
    },
    [select, show],
  );
  useEffect(() => {
    onLiveRef.current = onLive;
  });

  /** Writes made between the page's snapshot and the stream's start show as a changed fingerprint. */
  const checkFingerprint = useCallback(async () => {
    const result = await callApi<{ fingerprint: string }>('GET', `/api/articles/${article.id}/annotations?format=fingerprint`);
    if (result.ok && result.data.fingerprint !== fingerprint.current) await resync();
  }, [article.id, resync]);

  useEffect(() => {
    let live = true;
    void paint.then((packed) => {
      if (!live || !packed) return;
      fingerprint.current = packed.f;
      storeRef.current.replaceAll(unpackPaintData(packed));
      loadedRef.current = true;
      setLoaded(true);
      const early = waiting.current ?? [];
      waiting.current = null;
      // Applied after the snapshot lands (the store's next state), in arrival order.
      setTimeout(() => {
        for (const message of early) onLive(message);
        if (listeningEarly.current) void checkFingerprint();
      });
    }, () => show({ tone: 'error', message: 'The highlights could not be loaded. Reload the page to try again.' }));
    return () => {
      live = false;
    };
  }, [paint, onLive, checkFingerprint, show]);

  useLiveUpdates(article.id, {
    onMessage: (message) => (waiting.current ? waiting.current.push(message) : onLive(message)),
    onListening: () => {
      if (!loadedRef.current) listeningEarly.current = true;
      else {
        // A reconnect is followed by `resync` at once; the check only matters when none comes.
        const serial = resyncSerial.current;
        setTimeout(() => serial === resyncSerial.current && void checkFingerprint(), 300);
      }
    },
    onResync: () => void resync(),
    onClosed: () => show({ tone: 'error', message: 'Live updates stopped (you may have been signed out). Reload the page to see others’ changes.', duration: 15_000 }),
  });

  // ---- Emphasis: selected and related spans are one generated style rule, not a re-render. ----

  const emphasis = useMemo(() => {
    if (!painted) return '';
    const rule = (ids: string[], body: string) => (ids.length ? `${ids.map((id) => `.annotator-text [data-id="${CSS.escape(id)}"]`).join(',')}{${body}}` : '');
    const related = (id: string | null) =>
      id ? [...store.relations.values()].flatMap((r) => (r.fromId === id ? [r.toId] : r.toId === id ? [r.fromId] : [])) : [];
    return [
      rule(selectedId ? [selectedId] : [], 'outline:2px solid #4338ca;outline-offset:1px;border-radius:2px'),
      rule(related(selectedId), 'outline:2px dashed #6d28d9;outline-offset:1px'),
    ].join('\n');
  }, [painted, selectedId, store.relations]);

  const selected = selectedId ? store.byId.get(selectedId) : undefined;
  const panelActions: PanelActions = {
    patch,
    requestDelete,
    startPicking,
    removeRelation: (r) => void removeRelation(r),
    select: (id) => select(id, { open: true, scroll: true }),
    nudgeSpan,
    reviewed: (a) => {
      latestVersion.current.set(a.id, a.version);
      storeRef.current.upsert(toPaint(a), a.author.name);
    },
    close: () => {
      setPanelOpen(false);
      textRef.current?.focus();
    },
  };
  const relationsOfSelected = useMemo(() => (selectedId ? [...store.relations.values()].filter((r) => r.fromId === selectedId || r.toId === selectedId) : []), [store.relations, selectedId]);

  return (
    <div className="gap-8 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div ref={wrapRef} className="relative max-w-3xl">
        {picking ? (
          <div role="status" className="sticky top-0 z-10 mb-3 flex items-center justify-between rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm">
            <span>
              {RELATION_LABEL[picking.type].action}: click a {RELATION_PAIRS[picking.type].to} highlight, or select text and press {RELATION_PAIRS[picking.type].to.charAt(0).toUpperCase()}.
            </span>
            <button type="button" className="underline" onClick={() => setPicking(null)}>
              Cancel (Esc)
            </button>
          </div>
        ) : null}
        {article.archived ? <p className="mb-3 text-sm text-stone-700">This article is archived: its annotations can be read, not changed.</p> : null}
        <div
          ref={textRef}
          data-annotator-text=""
          tabIndex={0}
          role="region"
          aria-label="Article text"
          aria-describedby="annotator-help"
          lang={article.language ?? undefined}
          className={`annotator-text space-y-4 font-serif text-lg leading-relaxed focus-visible:outline-offset-4 ${picking ? 'picking' : ''} ${filterClasses(filters)}`}
          onPointerUp={onPointerUp}
          onClick={onClick}
          onPointerOver={onPointerOver}
          onPointerLeave={() => showRelatedOf(null)}
        >
          <ArticleText paragraphs={paragraphs} perParagraph={store.perParagraph} meId={me.id} painted={painted} />
        </div>
        {toolbar ? (
          <SelectionToolbar
            position={toolbar}
            kinds={picking ? [RELATION_PAIRS[picking.type].to] : ALL_KINDS}
            hint={picking ? `New ${RELATION_PAIRS[picking.type].to}:` : undefined}
            onPick={(kind) => void createFromSelection(kind)}
          />
        ) : null}
        {selected && panelOpen && selected.authorId === me.id && canAnnotate && !selected.id.startsWith('tmp-') ? (
          <SpanHandles annotation={selected} text={article.text} textRef={textRef} wrapRef={wrapRef} preview={(a) => storeRef.current.upsert(a)} commit={setSpan} nudge={nudgeSpan} />
        ) : null}
      </div>
      <aside ref={asideRef} aria-label="Annotation panel" className="mt-8 space-y-4 self-start lg:sticky lg:top-4 lg:mt-0 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
        {selected && panelOpen ? (
          <div className="rounded-md border border-stone-300 bg-white p-3 shadow-sm">
            <AnnotationPanel
              key={selected.id}
              annotation={selected}
              text={article.text}
              me={{ id: me.id, canAnnotate: me.canAnnotate, canComment: me.canComment, canReview: me.canReview }}
              rejectReasons={rejectReasons}
              users={store.users}
              relations={relationsOfSelected}
              byId={store.byId}
              commentsKey={commentTicks[selected.id] ?? 0}
              headingRef={headingRef}
              actions={panelActions}
              archived={article.archived}
            />
          </div>
        ) : (
          <p className="rounded-md border border-dashed border-stone-300 p-3 text-sm text-stone-600">
            {!loaded ? 'Loading highlights… ' : store.byId.size === 0 ? 'No annotations yet. ' : ''}
            {canAnnotate ? 'Select text to tag it as a claim, event or source. ' : ''}Click a highlight (or press J/K, then Enter) to open it. Press ? for shortcuts.
          </p>
        )}
        <Legend annotations={store.ordered} filters={filters} onChange={setFilters} meId={me.id} />
        <button type="button" className="text-sm text-indigo-800 underline" onClick={() => setSheetOpen(true)}>
          Keyboard shortcuts (?)
        </button>
      </aside>
      <p id="annotator-help" className="sr-only">
        Use Shift and the arrow keys to select words, then C, E or S to tag them. J and K move between annotations, Enter opens one, question mark lists every shortcut.
      </p>
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
      <style>{emphasis}</style>
      <style ref={hoverStyle} />
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      <Toasts toasts={toasts} dismiss={dismiss} />
    </div>
  );
}
