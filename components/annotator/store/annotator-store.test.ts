import { describe, expect, it } from 'vitest';
import type { PaintAnnotation, PaintRelation } from '@/lib/annotations/paint';
import { createAnnotatorStore, isTemporary, orderedAnnotations, type AnnotatorStore } from './annotator-store';

const PARAGRAPHS = [
  { start: 0, end: 50 },
  { start: 52, end: 100 },
];
const ME = { id: 'me', name: 'Me', canAnnotate: true };

const annotation = (id: string, over: Partial<PaintAnnotation> = {}): PaintAnnotation => ({
  id,
  kind: 'claim',
  start: 0,
  end: 10,
  status: 'pending',
  authorId: ME.id,
  version: 1,
  unattributed: false,
  ...over,
});
const relation = (id: string, fromId: string, toId: string): PaintRelation => ({ id, fromId, toId, type: 'attributed_to', authorId: ME.id });

function storeWith(annotations: PaintAnnotation[], relations: PaintRelation[] = []): AnnotatorStore {
  return createAnnotatorStore(PARAGRAPHS, { annotations, relations, users: { me: 'Me' } });
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('the store as an external store', () => {
  it('tells subscribers of a change and hands out a new state object, the old one untouched', () => {
    const store = storeWith([annotation('a')]);
    const before = store.getState();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.preview(annotation('a', { start: 60, end: 70 }));
    expect(calls).toBe(1);
    expect(store.getState()).not.toBe(before);
    expect(before.byId.get('a')?.start).toBe(0);
    unsubscribe();
    store.preview(annotation('a', { start: 61, end: 70 }));
    expect(calls).toBe(1);
  });

  it('keeps the paragraph index in step: an edit moves a span between paragraphs and leaves untouched paragraphs the same array', () => {
    const store = storeWith([annotation('a'), annotation('b', { start: 60, end: 70 })]);
    const second = store.getState().perParagraph[1];
    store.preview(annotation('a', { start: 20, end: 30 }));
    expect(store.getState().perParagraph[1]).toBe(second);
    store.preview(annotation('a', { start: 55, end: 58 }));
    expect(store.getState().perParagraph.map((p) => p.map((a) => a.id).sort())).toEqual([[], ['a', 'b']]);
  });

  it('orders annotations for reading (start, then longer first) and sorts once per state of the annotations', () => {
    const store = storeWith([annotation('c', { start: 60, end: 70 }), annotation('b', { start: 0, end: 5 }), annotation('a', { start: 0, end: 9 })]);
    const ordered = orderedAnnotations(store.getState());
    expect(ordered.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    store.select('a', true);
    expect(orderedAnnotations(store.getState())).toBe(ordered);
  });

  it('a snapshot replaces annotations and relations but keeps the selection', () => {
    const store = storeWith([annotation('a')]);
    store.select('a', true);
    store.replaceAll({ annotations: [annotation('a', { version: 4 })], relations: [relation('r', 'a', 'a')], users: {} });
    expect(store.getState().byId.get('a')?.version).toBe(4);
    expect(store.getState().relations.has('r')).toBe(true);
    expect(store.getState().selection).toEqual({ id: 'a', open: true });
  });
});

describe('live changes: the version check', () => {
  it('applies a newer version, and an equal version only when its status moved', () => {
    const store = storeWith([annotation('a', { version: 3 })]);
    store.applyLiveUpsert(annotation('a', { version: 2, kind: 'event' }));
    expect(store.getState().byId.get('a')?.kind).toBe('claim');
    store.applyLiveUpsert(annotation('a', { version: 3, kind: 'event' }));
    expect(store.getState().byId.get('a')?.kind).toBe('claim');
    store.applyLiveUpsert(annotation('a', { version: 3, status: 'approved' }));
    expect(store.getState().byId.get('a')?.status).toBe('approved');
    store.applyLiveUpsert(annotation('a', { version: 4, kind: 'event' }), 'Ada');
    expect(store.getState().byId.get('a')).toMatchObject({ version: 4, kind: 'event' });
  });

  it('adds an annotation it has not seen, with its author’s name', () => {
    const store = storeWith([]);
    store.applyLiveUpsert(annotation('x', { authorId: 'ada' }), 'Ada');
    expect(store.getState().byId.has('x')).toBe(true);
    expect(store.getState().users.ada).toBe('Ada');
  });

  it('a live delete removes the annotation with its relations and closes it when it was open', () => {
    const store = storeWith([annotation('a'), annotation('b', { kind: 'source' })], [relation('r', 'a', 'b')]);
    store.select('a', true);
    expect(store.applyLiveDelete('b')).toBe(false);
    expect(store.getState().relations.size).toBe(0);
    expect(store.getState().selection.id).toBe('a');
    expect(store.applyLiveDelete('a')).toBe(true);
    expect(store.getState().selection).toEqual({ id: null, open: false });
    expect(store.applyLiveDelete('a')).toBe(false);
  });

  it('a live relation is added once and removed by id', () => {
    const store = storeWith([annotation('a'), annotation('b')]);
    store.applyLiveRelation(relation('r', 'a', 'b'));
    const after = store.getState();
    store.applyLiveRelation(relation('r', 'a', 'b'));
    expect(store.getState()).toBe(after);
    store.applyLiveRelationDelete('r');
    expect(store.getState().relations.size).toBe(0);
  });
});

describe('optimistic create', () => {
  it('shows a temporary annotation at once, selected and open, flagged as temporary', () => {
    const store = storeWith([]);
    const temp = store.beginCreate('event', { start: 5, end: 9 }, ME);
    expect(isTemporary(temp)).toBe(true);
    expect(store.getState().byId.get(temp.id)).toBe(temp);
    expect(store.getState().selection).toEqual({ id: temp.id, open: true });
    expect(isTemporary(annotation('tmp-looks-like-one'))).toBe(false);
  });

  it('swaps the temporary annotation for the saved one, and the selection with it', () => {
    const store = storeWith([]);
    const temp = store.beginCreate('event', { start: 5, end: 9 }, ME);
    store.confirmCreate(temp.id, annotation('saved', { kind: 'event', start: 5, end: 9 }), 'Me');
    expect([...store.getState().byId.keys()]).toEqual(['saved']);
    expect(isTemporary(store.getState().byId.get('saved')!)).toBe(false);
    expect(store.getState().selection).toEqual({ id: 'saved', open: true });
    expect(store.getState().perParagraph[0]!.map((a) => a.id)).toEqual(['saved']);
  });

  it('leaves the selection alone when the user moved on before the answer', () => {
    const store = storeWith([annotation('other')]);
    const temp = store.beginCreate('event', { start: 5, end: 9 }, ME);
    store.select('other', false);
    store.confirmCreate(temp.id, annotation('saved'), 'Me');
    expect(store.getState().selection).toEqual({ id: 'other', open: false });
  });

  it('rolls back a refused create and closes its panel', () => {
    const store = storeWith([]);
    const temp = store.beginCreate('event', { start: 5, end: 9 }, ME);
    store.rollbackCreate(temp.id);
    expect(store.getState().byId.size).toBe(0);
    expect(store.getState().perParagraph.flat()).toEqual([]);
    expect(store.getState().selection).toEqual({ id: null, open: false });
  });

  it('does not edit or delete a temporary annotation', () => {
    const store = storeWith([]);
    const temp = store.beginCreate('claim', { start: 0, end: 4 }, ME);
    expect(store.beginEdit(temp.id, (a) => a)).toEqual({ ok: false, message: 'Wait a moment: the annotation is still being saved.' });
    expect(store.requestDelete(temp.id, ME)).toEqual({ outcome: 'ignored' });
    expect(store.getState().byId.has(temp.id)).toBe(true);
  });

  it('relations: a temporary one is swapped for the saved one, or taken back', () => {
    const store = storeWith([annotation('a'), annotation('b')]);
    const temp = store.beginRelation('a', 'b', 'attributed_to', ME.id);
    expect(isTemporary(store.getState().relations.get(temp.id)!)).toBe(true);
    store.confirmRelation(temp.id, relation('r', 'a', 'b'));
    expect([...store.getState().relations.keys()]).toEqual(['r']);
    const second = store.beginRelation('b', 'a', 'attributed_to', ME.id);
    store.removeRelation(second.id);
    expect([...store.getState().relations.keys()]).toEqual(['r']);
    store.removeRelation('r');
    store.restoreRelation(relation('r', 'a', 'b'));
    expect([...store.getState().relations.keys()]).toEqual(['r']);
  });
});

describe('edits', () => {
  it('shows the preview at once and sends the version shown', () => {
    const store = storeWith([annotation('a', { version: 2 })]);
    const start = store.beginEdit('a', (a) => ({ ...a, kind: 'event' }));
    expect(start).toMatchObject({ ok: true, base: 2 });
    expect(store.getState().byId.get('a')?.kind).toBe('event');
  });

  it('a later edit sends the version the previous answer left, even if a stale live message shows an older one', () => {
    const store = storeWith([annotation('a', { version: 2 })]);
    const first = store.beginEdit('a', (a) => a);
    store.finishEdit('a', first.ok ? first.before : annotation('a'), { ok: true, annotation: annotation('a', { version: 3 }), authorName: 'Me' });
    store.preview(annotation('a', { version: 2 }));
    expect(store.beginEdit('a', (a) => a)).toMatchObject({ ok: true, base: 3 });
  });

  it('a refusal restores what was shown before; a conflict shows the server’s version and forgets ours', () => {
    const store = storeWith([annotation('a', { version: 2 })]);
    let start = store.beginEdit('a', (a) => ({ ...a, kind: 'event' }));
    if (!start.ok) throw new Error(start.message);
    store.finishEdit('a', start.before, { ok: false });
    expect(store.getState().byId.get('a')).toMatchObject({ kind: 'claim', version: 2 });

    start = store.beginEdit('a', (a) => ({ ...a, kind: 'event' }));
    if (!start.ok) throw new Error(start.message);
    store.finishEdit('a', start.before, { ok: true, annotation: annotation('a', { version: 5 }), authorName: 'Me' });
    start = store.beginEdit('a', (a) => a);
    if (!start.ok) throw new Error(start.message);
    store.finishEdit('a', start.before, { ok: false, conflict: annotation('a', { version: 4, kind: 'source' }) });
    expect(store.getState().byId.get('a')).toMatchObject({ kind: 'source', version: 4 });
    expect(store.beginEdit('a', (a) => a)).toMatchObject({ ok: true, base: 4 });
  });

  it('a refusal after our own newer write restores the newer version number', () => {
    const store = storeWith([annotation('a', { version: 2 })]);
    let start = store.beginEdit('a', (a) => a);
    if (!start.ok) throw new Error(start.message);
    store.finishEdit('a', start.before, { ok: true, annotation: annotation('a', { version: 3 }), authorName: 'Me' });
    store.preview(annotation('a', { version: 2 }));
    start = store.beginEdit('a', (a) => a);
    if (!start.ok) throw new Error(start.message);
    store.finishEdit('a', start.before, { ok: false });
    expect(store.getState().byId.get('a')?.version).toBe(3);
  });

  it('an edit’s answer arriving after a live delete does not bring the annotation back', () => {
    const store = storeWith([annotation('a')]);
    const start = store.beginEdit('a', (a) => a);
    if (!start.ok) throw new Error(start.message);
    store.applyLiveDelete('a');
    expect(store.finishEdit('a', start.before, { ok: true, annotation: annotation('a', { version: 2 }), authorName: 'Me' })).toBe(false);
    expect(store.getState().byId.has('a')).toBe(false);
    expect(store.finishEdit('a', start.before, { ok: false })).toBe(false);
    expect(store.getState().byId.has('a')).toBe(false);
  });

  it('an edit’s answer arriving after a delete here (undo window open) does not bring it back', () => {
    const store = storeWith([annotation('a')]);
    const start = store.beginEdit('a', (a) => a);
    if (!start.ok) throw new Error(start.message);
    store.requestDelete('a', ME);
    expect(store.finishEdit('a', start.before, { ok: true, annotation: annotation('a', { version: 2 }), authorName: 'Me' })).toBe(false);
    expect(store.getState().byId.has('a')).toBe(false);
    expect(store.beginEdit('a', (a) => a)).toEqual({ ok: false, message: 'This annotation no longer exists.' });
  });

  it('an edit’s answer is dropped while the undo window is open, even when a reload showed the annotation again', () => {
    const store = storeWith([annotation('a')]);
    const start = store.beginEdit('a', (a) => a);
    if (!start.ok) throw new Error(start.message);
    store.requestDelete('a', ME);
    store.replaceAll({ annotations: [annotation('a')], relations: [], users: {} });
    expect(store.finishEdit('a', start.before, { ok: true, annotation: annotation('a', { version: 2 }), authorName: 'Me' })).toBe(false);
    expect(store.getState().byId.get('a')?.version).toBe(1);
  });

  it('edits of one annotation run one after another; another annotation’s edits do not wait', async () => {
    const store = storeWith([annotation('a'), annotation('b')]);
    const order: string[] = [];
    const gate = deferred();
    const first = store.enqueueEdit('a', async () => {
      await gate.promise;
      order.push('a1');
    });
    const second = store.enqueueEdit('a', async () => order.push('a2'));
    await store.enqueueEdit('b', async () => order.push('b1'));
    expect(order).toEqual(['b1']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });

  it('a failed edit does not stop the queue', async () => {
    const store = storeWith([annotation('a')]);
    const failed = store.enqueueEdit('a', () => Promise.reject(new Error('network')));
    const next = store.enqueueEdit('a', async () => 'ran');
    await expect(failed).rejects.toThrow('network');
    await expect(next).resolves.toBe('ran');
  });

  it('a review decision recorded here becomes the version later edits build on', () => {
    const store = storeWith([annotation('a', { version: 2, authorId: 'ada' })]);
    store.noteReviewed(annotation('a', { version: 3, status: 'approved', authorId: 'ada' }), 'Ada');
    store.preview(annotation('a', { version: 2, authorId: 'ada' }));
    expect(store.beginEdit('a', (a) => a)).toMatchObject({ ok: true, base: 3 });
  });
});

describe('delete and undo', () => {
  it('only the author who may annotate deletes', () => {
    const store = storeWith([annotation('a', { authorId: 'ada' }), annotation('b')]);
    expect(store.requestDelete('a', ME)).toEqual({ outcome: 'not-yours' });
    expect(store.requestDelete('b', { ...ME, canAnnotate: false })).toEqual({ outcome: 'not-yours' });
    expect(store.requestDelete('missing', ME)).toEqual({ outcome: 'ignored' });
    expect(store.getState().byId.size).toBe(2);
  });

  it('a delete removes the annotation and its relations at once, closes it, and holds it for undo', () => {
    const store = storeWith([annotation('a'), annotation('b', { kind: 'source' })], [relation('r', 'a', 'b')]);
    store.select('a', true);
    expect(store.requestDelete('a', ME)).toMatchObject({ outcome: 'deleted', wasSelected: true });
    expect(store.getState().byId.has('a')).toBe(false);
    expect(store.getState().relations.size).toBe(0);
    expect(store.getState().selection).toEqual({ id: null, open: false });
    expect(store.isDeletePending('a')).toBe(true);
    expect(store.requestDelete('a', ME)).toEqual({ outcome: 'ignored' });
  });

  it('undo brings the annotation back with its relations, selected and open', () => {
    const store = storeWith([annotation('a'), annotation('b', { kind: 'source' })], [relation('r', 'a', 'b')]);
    store.requestDelete('a', ME);
    expect(store.lastUndoable()).toBe('a');
    expect(store.undoDelete('a')).toBe(true);
    expect(store.getState().byId.has('a')).toBe(true);
    expect([...store.getState().relations.keys()]).toEqual(['r']);
    expect(store.getState().selection).toEqual({ id: 'a', open: true });
    expect(store.isDeletePending('a')).toBe(false);
    expect(store.undoDelete('a')).toBe(false);
    expect(store.lastUndoable()).toBe(null);
  });

  it('undo reaches only the latest deletion', () => {
    const store = storeWith([annotation('a'), annotation('b')]);
    store.requestDelete('a', ME);
    store.requestDelete('b', ME);
    expect(store.lastUndoable()).toBe('b');
    store.undoDelete('b');
    expect(store.lastUndoable()).toBe(null);
    expect(store.isDeletePending('a')).toBe(true);
  });

  it('live news about an annotation being deleted here does not bring it back', () => {
    const store = storeWith([annotation('a')]);
    store.requestDelete('a', ME);
    store.applyLiveUpsert(annotation('a', { version: 9 }));
    expect(store.getState().byId.has('a')).toBe(false);
  });

  it('once the window closes the deletion is handed over; a refusal restores it, and undo is over', () => {
    const store = storeWith([annotation('a'), annotation('b')], [relation('r', 'a', 'b')]);
    store.requestDelete('a', ME);
    const pending = store.takePendingDelete('a');
    expect(pending?.annotation.id).toBe('a');
    expect(store.lastUndoable()).toBe(null);
    expect(store.takePendingDelete('a')).toBeUndefined();
    store.restoreDeleted(pending!);
    expect(store.getState().byId.has('a')).toBe(true);
    expect(store.getState().relations.has('r')).toBe(true);
  });

  it('leaving the page hands over every deletion still in its window', () => {
    const store = storeWith([annotation('a'), annotation('b')]);
    store.requestDelete('a', ME);
    store.requestDelete('b', ME);
    expect(store.takeAllPendingDeletes()).toEqual(['a', 'b']);
    expect(store.isDeletePending('a')).toBe(false);
  });
});

describe('selection', () => {
  it('opens, marks without opening, and closes the panel while keeping the selection', () => {
    const store = storeWith([annotation('a')]);
    store.select('a', false);
    expect(store.getState().selection).toEqual({ id: 'a', open: false });
    store.setPanelOpen(true);
    expect(store.getState().selection).toEqual({ id: 'a', open: true });
    store.setPanelOpen(false);
    expect(store.getState().selection).toEqual({ id: 'a', open: false });
    store.select(null, true);
    expect(store.getState().selection).toEqual({ id: null, open: false });
    store.setPanelOpen(true);
    expect(store.getState().selection.open).toBe(false);
  });
});
