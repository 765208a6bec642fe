'use client';

import './annotator.css';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { RELATION_PAIRS, ANNOTATION_KINDS, type AnnotationKindName, RELATION_LABEL, STATUS_NAME, KIND_LABEL } from '@/lib/annotations/model';
import type { PackedPaintData, PaintAnnotation } from '@/lib/annotations/paint';
import { splitParagraphs } from '@/lib/articles/paragraphs';
import { AnnotationPanel, type PanelActions } from './AnnotationPanel';
import { ArticleText } from './ArticleText';
import { LiveStatusLine } from './LiveStatusLine';
import { filterClasses, isVisible, Legend, NO_FILTERS, type Filters } from './Legend';
import { SelectionToolbar } from './SelectionToolbar';
import { ShortcutSheet } from './ShortcutSheet';
import { SpanHandles } from './SpanHandles';
import { Toasts, useToasts } from './Toasts';
import { createAnnotatorStore, isTemporary, orderedAnnotations, relationsOf } from './store/annotator-store';
import { useAnnotatorState } from './store/useAnnotatorState';
import type { SelectAnnotation } from './types';
import { useAnnotationMutations } from './useAnnotationMutations';
import { useAnnotationSync } from './useAnnotationSync';
import { useAnnotatorKeyboard } from './useAnnotatorKeyboard';
import { useDeepLink } from './useDeepLink';
import { useHighlightEmphasis } from './useHighlightEmphasis';
import { useRelationPicking } from './useRelationPicking';
import { useTextSelection } from './useTextSelection';
import { useUndoDelete } from './useUndoDelete';
import type { Role } from '@/lib/auth/policy';

export interface AnnotatorProps {
  article: { id: string; text: string; archived: boolean; language: string | null };
  /** Streamed after the text: the page does not wait for it (see the article page). */
  paint: Promise<PackedPaintData | null>;
  me: { id: string; name: string; role: Role; canAnnotate: boolean; canComment: boolean };
  rejectReasons: readonly string[];
}

const ALL_KINDS: AnnotationKindName[] = [...ANNOTATION_KINDS];
const noSubscribe = () => () => {};

/** The annotator: the article with its highlights, the selection toolbar, the legend and the panel. */
export function Annotator({ article, paint, me, rejectReasons }: AnnotatorProps) {
  const paragraphs = useMemo(() => splitParagraphs(article.text), [article.text]);
  const [store] = useState(() => createAnnotatorStore(paragraphs));
  const state = useAnnotatorState(store);
  const { id: selectedId, open: panelOpen } = state.selection;
  const asideRef = useRef<HTMLElement>(null);
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
  const [focusPanel, setFocusPanel] = useState(0);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const { toasts, show, dismiss } = useToasts();
  const lastChain = useRef('');

  useEffect(() => {
    if (focusPanel) headingRef.current?.focus();
  }, [focusPanel]);

  const announce = useCallback(
    (a: PaintAnnotation, position?: string) => {
      const quote = article.text.slice(a.start, Math.min(a.end, a.start + 120));
      setAnnouncement(
        `${KIND_LABEL[a.kind]}${position ? ` ${position}` : ''}: “${quote}”, ${STATUS_NAME[a.status].toLowerCase()}, by ${store.getState().users[a.authorId] ?? 'someone'}.`,
      );
    },
    [article.text, store],
  );

  const select: SelectAnnotation = useCallback(
    (id, { open = true, scroll = false } = {}) => {
      store.select(id, open);
      if (!id) return;
      const annotation = store.getState().byId.get(id);
      if (annotation) announce(annotation);
      if (scroll) textRef.current?.querySelector(`[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
    },
    [announce, store],
  );

  const closePanel = () => {
    store.setPanelOpen(false);
    textRef.current?.focus();
  };

  const { requestDelete, undoLastDelete } = useUndoDelete({ meId: me.id, canAnnotate, store, textRef, show });
  const mutations = useAnnotationMutations({ article, me, store, show });
  const relationPicking = useRelationPicking({ textRef, createRelation: mutations.createRelation, select, show });
  const { picking, cancelPicking } = relationPicking;
  const selected = selectedId ? state.byId.get(selectedId) : undefined;
  const textSelection = useTextSelection({
    text: article.text,
    canAnnotate,
    textRef,
    wrapRef,
    selected,
    createAnnotation: mutations.createAnnotation,
    picking,
    cancelPicking,
    link: relationPicking.link,
    show,
  });
  const { toolbar, createFromSelection } = textSelection;
  const { loaded, commentTicks, liveStatus } = useAnnotationSync({ articleId: article.id, paint, store, show });
  useDeepLink(loaded, store, select);
  const { emphasis, hoverStyle, onPointerOver, onPointerLeave } = useHighlightEmphasis(painted, selectedId, state.relations);

  // Tell tests and benchmarks when every highlight is on screen (two frames: laid out and painted).
  useEffect(() => {
    if (!painted || !loaded) return;
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => textRef.current?.setAttribute('data-ready', 'true')));
    return () => cancelAnimationFrame(frame);
  }, [painted, loaded]);

  useAnnotatorKeyboard({
    store,
    filters,
    meId: me.id,
    select,
    announce,
    say: setAnnouncement,
    openPanel: () => {
      store.setPanelOpen(true);
      setFocusPanel((n) => n + 1);
    },
    closePanel,
    sheetOpen,
    openSheet: () => setSheetOpen(true),
    textRef,
    asideRef,
    headingRef,
    textSelection,
    relationPicking,
    undoLastDelete,
    requestDelete,
  });

  /** The annotations under a click, innermost first, leaving out the ones filtered away. */
  function annotationsAt(target: EventTarget | null): PaintAnnotation[] {
    const found: PaintAnnotation[] = [];
    let element = target instanceof Element ? target.closest('[data-id]') : null;
    while (element && textRef.current?.contains(element)) {
      const a = state.byId.get((element as HTMLElement).dataset.id ?? '');
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
      relationPicking.pickTarget(chain, (wanted) => `click a ${wanted} highlight`);
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

  const panelActions: PanelActions = {
    patch: mutations.patch,
    requestDelete,
    startPicking: relationPicking.startPicking,
    removeRelation: (r) => void mutations.removeRelation(r),
    select: (id) => select(id, { open: true, scroll: true }),
    nudgeSpan: mutations.nudgeSpan,
    reviewed: mutations.noteReviewed,
    close: closePanel,
  };
  const relationsOfSelected = useMemo(() => (selectedId ? relationsOf(state.relations, selectedId) : []), [state.relations, selectedId]);

  return (
    <div className="gap-8 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div ref={wrapRef} className="relative max-w-3xl">
        {picking ? (
          <div
            role="status"
            className="sticky top-0 z-10 mb-3 flex items-center justify-between rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm"
          >
            <span>
              {RELATION_LABEL[picking.type].action}: click a {RELATION_PAIRS[picking.type].to} highlight, or select text and press{' '}
              {RELATION_PAIRS[picking.type].to.charAt(0).toUpperCase()}.
            </span>
            <button type="button" className="underline" onClick={cancelPicking}>
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
          onPointerUp={textSelection.onPointerUp}
          onClick={onClick}
          onPointerOver={onPointerOver}
          onPointerLeave={onPointerLeave}
        >
          <ArticleText paragraphs={paragraphs} perParagraph={state.perParagraph} meId={me.id} painted={painted} />
        </div>
        {toolbar ? (
          <SelectionToolbar
            position={toolbar}
            kinds={picking ? [RELATION_PAIRS[picking.type].to] : ALL_KINDS}
            hint={picking ? `New ${RELATION_PAIRS[picking.type].to}:` : undefined}
            onPick={(kind) => void createFromSelection(kind)}
          />
        ) : null}
        {/* Props passed one by one like RelationsSection in the panel: different children that happen to take similar props. */}
        {selected && panelOpen && selected.authorId === me.id && canAnnotate && !isTemporary(selected) ? (
          <SpanHandles
            annotation={selected}
            text={article.text}
            textRef={textRef}
            wrapRef={wrapRef}
            preview={store.preview}
            commit={mutations.setSpan}
            nudge={mutations.nudgeSpan}
          />
        ) : null}
      </div>
      <aside
        ref={asideRef}
        aria-label="Annotation panel"
        className="mt-8 space-y-4 self-start lg:sticky lg:top-4 lg:mt-0 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"
      >
        <LiveStatusLine status={liveStatus} />
        {selected && panelOpen ? (
          <div className="rounded-md border border-stone-300 bg-white p-3 shadow-sm">
            <AnnotationPanel
              key={selected.id}
              annotation={selected}
              text={article.text}
              me={{ id: me.id, role: me.role, canAnnotate: me.canAnnotate, canComment: me.canComment }}
              rejectReasons={rejectReasons}
              users={state.users}
              relations={relationsOfSelected}
              byId={state.byId}
              commentsKey={commentTicks[selected.id] ?? 0}
              headingRef={headingRef}
              actions={panelActions}
              archived={article.archived}
            />
          </div>
        ) : (
          <p className="rounded-md border border-dashed border-stone-300 p-3 text-sm text-stone-600">
            {!loaded ? 'Loading highlights… ' : state.byId.size === 0 ? 'No annotations yet. ' : ''}
            {canAnnotate ? 'Select text to tag it as a claim, event or source. ' : ''}Click a highlight (or press J/K, then Enter) to open it. Press ? for
            shortcuts.
          </p>
        )}
        <Legend annotations={orderedAnnotations(state)} filters={filters} onChange={setFilters} meId={me.id} />
        <button type="button" className="text-sm text-indigo-800 underline" onClick={() => setSheetOpen(true)}>
          Keyboard shortcuts (?)
        </button>
      </aside>
      <p id="annotator-help" className="sr-only">
        Use Shift and the arrow keys to select words, then C, E or S to tag them. J and K move between annotations, Enter opens one, question mark lists every
        shortcut.
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
