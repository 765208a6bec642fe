import type { AnnotationKindName, RelationTypeName } from '@/lib/annotations/model';
import type { PaintAnnotation, PaintData, PaintRelation } from '@/lib/annotations/paint';
import { buildParagraphIndex, updateParagraphIndex, type ParagraphRange } from '@/lib/annotations/paragraph-index';

/** An annotation on screen; `temporary` until the server has given it its id. */
export type ClientAnnotation = PaintAnnotation & { temporary?: true };
export type ClientRelation = PaintRelation & { temporary?: true };

export interface Selection {
  id: string | null;
  /** Whether the panel shows it (J/K can mark an annotation without opening it). */
  open: boolean;
}

/** What components render; replaced as a whole on every change, so it can be compared by identity. */
export interface AnnotatorState {
  byId: Map<string, ClientAnnotation>;
  perParagraph: ClientAnnotation[][];
  relations: Map<string, ClientRelation>;
  users: Record<string, string>;
  selection: Selection;
}

/** A deletion inside its undo window: what comes back on undo. */
export interface PendingDelete {
  annotation: ClientAnnotation;
  relations: ClientRelation[];
}

export type DeleteRequest = { outcome: 'ignored' } | { outcome: 'not-yours' } | { outcome: 'deleted'; annotation: ClientAnnotation; wasSelected: boolean };

export type EditStart = { ok: false; message: string } | { ok: true; before: ClientAnnotation; base: number };

export type EditAnswer = { ok: true; annotation: PaintAnnotation; authorName: string } | { ok: false; conflict?: PaintAnnotation };

export const isTemporary = (record: { id: string; temporary?: true }): boolean => record.temporary === true;

const NO_SELECTION: Selection = { id: null, open: false };

const orderedCache = new WeakMap<Map<string, ClientAnnotation>, ClientAnnotation[]>();

/** Annotations in reading order, for J/K and the legend (sorted once per state of the annotations). */
export function orderedAnnotations(state: AnnotatorState): ClientAnnotation[] {
  let ordered = orderedCache.get(state.byId);
  if (!ordered) {
    ordered = [...state.byId.values()].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
    orderedCache.set(state.byId, ordered);
  }
  return ordered;
}

export const relationsOf = (relations: Map<string, ClientRelation>, id: string): ClientRelation[] =>
  [...relations.values()].filter((r) => r.fromId === id || r.toId === id);

/**
 * The annotator's client state and the rules that keep it true while writes are in flight and
 * other people's changes stream in. No React here: components read it through
 * `useSyncExternalStore` (useAnnotatorState.ts), hooks call its methods.
 * Every change touches only the paragraphs it concerns (see paragraph-index.ts), which keeps a
 * repaint after an edit within one frame.
 */
export function createAnnotatorStore(paragraphs: readonly ParagraphRange[], initial: PaintData = { annotations: [], relations: [], users: {} }) {
  let state: AnnotatorState = { ...fromData(initial), selection: NO_SELECTION };
  const listeners = new Set<() => void>();
  let tempSeq = 0;
  const pendingDeletes = new Map<string, PendingDelete>();
  // Ctrl+Z undoes only the latest deletion, and only while its window is open.
  let lastDeleted: string | null = null;
  // Edits of one annotation run one after another, each on the version the previous one left.
  const editQueue = new Map<string, Promise<unknown>>();
  // The version our own last write produced: it may be newer than the shown one for a moment.
  const latestVersion = new Map<string, number>();

  function fromData(data: PaintData) {
    return {
      byId: new Map<string, ClientAnnotation>(data.annotations.map((a) => [a.id, a])),
      perParagraph: buildParagraphIndex<ClientAnnotation>(paragraphs, data.annotations),
      relations: new Map<string, ClientRelation>(data.relations.map((r) => [r.id, r])),
      users: data.users,
    };
  }

  function set(next: AnnotatorState) {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  }

  const withUser = (users: Record<string, string>, authorId: string, name?: string) =>
    name && users[authorId] !== name ? { ...users, [authorId]: name } : users;

  function put(s: AnnotatorState, annotation: ClientAnnotation, authorName?: string, replacesId?: string): AnnotatorState {
    const byId = new Map(s.byId);
    let perParagraph = s.perParagraph;
    const replaced = replacesId ? s.byId.get(replacesId) : undefined;
    if (replacesId && replaced) {
      byId.delete(replacesId);
      perParagraph = updateParagraphIndex(perParagraph, paragraphs, replaced, undefined);
    }
    const current = byId.get(annotation.id);
    byId.set(annotation.id, annotation);
    perParagraph = updateParagraphIndex(perParagraph, paragraphs, current, annotation);
    return { ...s, byId, perParagraph, users: withUser(s.users, annotation.authorId, authorName) };
  }

  function drop(s: AnnotatorState, id: string): AnnotatorState {
    const before = s.byId.get(id);
    if (!before) return s;
    const byId = new Map(s.byId);
    byId.delete(id);
    const relations = new Map([...s.relations].filter(([, r]) => r.fromId !== id && r.toId !== id));
    const selection = s.selection.id === id ? NO_SELECTION : s.selection;
    return { ...s, byId, relations, selection, perParagraph: updateParagraphIndex(s.perParagraph, paragraphs, before, undefined) };
  }

  function putRelation(s: AnnotatorState, relation: ClientRelation, replacesId?: string): AnnotatorState {
    const relations = new Map(s.relations);
    if (replacesId) relations.delete(replacesId);
    relations.set(relation.id, relation);
    return { ...s, relations };
  }

  function dropRelation(s: AnnotatorState, id: string): AnnotatorState {
    if (!s.relations.has(id)) return s;
    const relations = new Map(s.relations);
    relations.delete(id);
    return { ...s, relations };
  }

  const restore = (s: AnnotatorState, pending: PendingDelete) => pending.relations.reduce((acc, r) => putRelation(acc, r), put(s, pending.annotation));

  const versionOf = (id: string, shown: number) => Math.max(shown, latestVersion.get(id) ?? 0);

  return {
    getState: (): AnnotatorState => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** A snapshot from the server replaces every annotation and relation; the selection stays. */
    replaceAll: (data: PaintData) => set({ ...fromData(data), selection: state.selection }),

    select: (id: string | null, open: boolean) => set({ ...state, selection: id === null ? NO_SELECTION : { id, open } }),
    setPanelOpen: (open: boolean) => set({ ...state, selection: { ...state.selection, open: open && state.selection.id !== null } }),

    /** Shows a change made here before the server has it (a dragged span, an edit's preview). */
    preview: (annotation: ClientAnnotation) => set(put(state, annotation)),

    // Creating: shown at once under a temporary id, then swapped for the saved one or taken back.
    beginCreate(kind: AnnotationKindName, span: { start: number; end: number }, me: { id: string; name: string }): ClientAnnotation {
      const temp: ClientAnnotation = {
        id: `tmp-${++tempSeq}`,
        kind,
        ...span,
        status: 'pending',
        authorId: me.id,
        version: 1,
        unattributed: false,
        temporary: true,
      };
      set({ ...put(state, temp, me.name), selection: { id: temp.id, open: true } });
      return temp;
    },
    confirmCreate(tempId: string, saved: PaintAnnotation, authorName: string) {
      const next = put(state, saved, authorName, tempId);
      set(state.selection.id === tempId ? { ...next, selection: { ...state.selection, id: saved.id } } : next);
    },
    rollbackCreate: (tempId: string) => set(drop(state, tempId)),

    /** A change heard from the server: applied only when newer than what is shown, and never to an annotation being deleted here. */
    applyLiveUpsert(annotation: PaintAnnotation, authorName?: string) {
      if (pendingDeletes.has(annotation.id)) return;
      const current = state.byId.get(annotation.id);
      if (current && (current.version > annotation.version || (current.version === annotation.version && current.status === annotation.status))) return;
      set(put(state, annotation, authorName));
    },
    /** Someone deleted an annotation; true when it was the selected one (the panel closes). */
    applyLiveDelete(id: string): boolean {
      if (!state.byId.has(id)) return false;
      const wasSelected = state.selection.id === id;
      set(drop(state, id));
      return wasSelected;
    },
    applyLiveRelation(relation: PaintRelation) {
      if (!state.relations.has(relation.id)) set(putRelation(state, relation));
    },
    applyLiveRelationDelete: (id: string) => set(dropRelation(state, id)),

    // Edits: queued per annotation; each sends the newest version this page knows of.
    enqueueEdit<T>(id: string, run: () => Promise<T>): Promise<T> {
      const queued = (editQueue.get(id) ?? Promise.resolve()).then(run, run);
      editQueue.set(id, queued);
      return queued;
    },
    /** Checks an edit may go, shows its preview, and gives the version to send (unless the caller names one). */
    beginEdit(id: string, preview: (before: ClientAnnotation) => ClientAnnotation): EditStart {
      const before = state.byId.get(id);
      if (!before || pendingDeletes.has(id)) return { ok: false, message: 'This annotation no longer exists.' };
      if (isTemporary(before)) return { ok: false, message: 'Wait a moment: the annotation is still being saved.' };
      set(put(state, preview(before)));
      return { ok: true, before, base: versionOf(id, before.version) };
    },
    /**
     * The server's answer to an edit. An annotation deleted meanwhile (here, or live by someone
     * else) stays deleted: false then. A refusal restores what was shown before, or the server's
     * current version on a conflict.
     */
    finishEdit(id: string, before: ClientAnnotation, answer: EditAnswer): boolean {
      if (pendingDeletes.has(id) || !state.byId.has(id)) return false;
      if (answer.ok) {
        latestVersion.set(id, answer.annotation.version);
        set(put(state, answer.annotation, answer.authorName));
        return true;
      }
      if (answer.conflict) latestVersion.delete(id);
      set(put(state, answer.conflict ?? { ...before, version: versionOf(id, before.version) }));
      return true;
    },
    /** A review decision recorded here: later edits build on its version. */
    noteReviewed(annotation: PaintAnnotation, authorName: string) {
      latestVersion.set(annotation.id, annotation.version);
      set(put(state, annotation, authorName));
    },

    // Relations, created and removed optimistically like annotations.
    beginRelation(fromId: string, toId: string, type: RelationTypeName, authorId: string): ClientRelation {
      const temp: ClientRelation = { id: `tmp-rel-${++tempSeq}`, fromId, toId, type, authorId, temporary: true };
      set(putRelation(state, temp));
      return temp;
    },
    confirmRelation: (tempId: string, saved: PaintRelation) => set(putRelation(state, saved, tempId)),
    removeRelation: (id: string) => set(dropRelation(state, id)),
    restoreRelation: (relation: ClientRelation) => set(putRelation(state, relation)),

    // Deleting waits out an undo window: the annotation leaves the screen at once and comes back, relations and all, on undo.
    requestDelete(id: string, me: { id: string; canAnnotate: boolean }): DeleteRequest {
      const annotation = state.byId.get(id);
      if (!annotation || isTemporary(annotation) || pendingDeletes.has(id)) return { outcome: 'ignored' };
      if (annotation.authorId !== me.id || !me.canAnnotate) return { outcome: 'not-yours' };
      const wasSelected = state.selection.id === id;
      pendingDeletes.set(id, { annotation, relations: relationsOf(state.relations, id) });
      lastDeleted = id;
      set(drop(state, id));
      return { outcome: 'deleted', annotation, wasSelected };
    },
    isDeletePending: (id: string) => pendingDeletes.has(id),
    /** Undoes a deletion still inside its window; the annotation comes back selected, panel open. */
    undoDelete(id: string): boolean {
      const pending = pendingDeletes.get(id);
      if (!pending) return false;
      pendingDeletes.delete(id);
      set({ ...restore(state, pending), selection: { id, open: true } });
      return true;
    },
    /** The latest deletion, if its window is still open. */
    lastUndoable: (): string | null => (lastDeleted && pendingDeletes.has(lastDeleted) ? lastDeleted : null),
    /** The window closed: the deletion leaves the store's hands (to be sent). */
    takePendingDelete(id: string): PendingDelete | undefined {
      const pending = pendingDeletes.get(id);
      pendingDeletes.delete(id);
      return pending;
    },
    takeAllPendingDeletes(): string[] {
      const ids = [...pendingDeletes.keys()];
      pendingDeletes.clear();
      return ids;
    },
    /** The server refused a deletion: the annotation and its relations come back. */
    restoreDeleted: (pending: PendingDelete) => set(restore(state, pending)),
  };
}

export type AnnotatorStore = ReturnType<typeof createAnnotatorStore>;
