import { describe, expect, it } from 'vitest';
import { ITEM, TEXT } from '@/lib/export/fixture.test-data.ts';
import { jsonlLine } from '@/lib/export/jsonl.ts';
import { readExportLine } from './jsonl-read.ts';
import { newRowId } from '@/lib/row-id.ts';
import { annotationKey, planDocument, REJECTED_WITHOUT_REASON, relationKey, type Existing, type People } from './plan.ts';
import type { ImportAnnotation, ImportDocument, ImportRelation } from './model.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const people: People = { byEmail: new Map([['alice@example.org', 'u-alice']]), placeholderId: 'u-placeholder' };
const none = (): Existing => ({ annotations: new Map(), relations: new Set(), unattributed: new Set() });
const stored = { id: 'art-stored', text: TEXT };

const nobody = { email: null, name: null };
function annotation(key: string, kind: ImportAnnotation['kind'], quote: string, rest: Partial<ImportAnnotation> = {}): ImportAnnotation {
  const start = TEXT.indexOf(quote);
  return {
    key,
    kind,
    start,
    end: start + quote.length,
    exact: quote,
    note: null,
    attributes: {},
    unattributed: false,
    status: 'pending',
    version: 1,
    author: { email: 'alice@example.org', name: 'Alice' },
    createdAt: null,
    updatedAt: null,
    decision: null,
    ...rest,
  };
}
const relation = (type: ImportRelation['type'], fromKey: string, toKey: string, rest: Partial<ImportRelation> = {}): ImportRelation => ({
  type,
  fromKey,
  toKey,
  author: nobody,
  createdAt: null,
  ...rest,
});
const doc = (annotations: ImportAnnotation[], relations: ImportRelation[] = [], text = TEXT): ImportDocument => ({
  name: 'd',
  article: { text },
  annotations,
  relations,
  warnings: [],
});

describe('newRowId', () => {
  it('gives unique ids that grow in string order, in the database shape', () => {
    const ids = Array.from({ length: 10_000 }, newRowId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{25}$/);
    for (let i = 1; i < ids.length; i++) {
      if (!(ids[i - 1]! < ids[i]!)) throw new Error(`${ids[i - 1]} is not before ${ids[i]} (call ${i})`);
    }
    expect(ids[0]!.startsWith('c')).toBe(true);
  });
});

describe('planDocument', () => {
  const claim = () => annotation('c', 'claim', 'the cafe\u0301 sea wall "will hold"');
  const source = () => annotation('s', 'source', '佐藤 Hana', { author: { email: 'nobody@example.org', name: 'N' } });

  it('plans the rows of new annotations and relations, anchored into the stored text', () => {
    const plan = planDocument(
      doc([claim(), source()], [relation('attributed_to', 'c', 's', { author: { email: 'alice@example.org', name: null } })]),
      stored,
      none(),
      people,
      NOW,
    );
    expect(plan.annotations).toHaveLength(2);
    const [c, s] = plan.annotations;
    expect(c).toMatchObject({
      articleId: 'art-stored',
      authorId: 'u-alice',
      kind: 'claim',
      start: claim().start,
      end: claim().end,
      exact: claim().exact,
      prefix: TEXT.slice(Math.max(0, claim().start - 32), claim().start),
      note: '',
      status: 'pending',
      version: 1,
    });
    expect(s).toMatchObject({ kind: 'source', authorId: 'u-placeholder' });
    expect(plan.decisions).toEqual([]);
    expect(plan.relations).toEqual([{ id: expect.any(String), fromId: c!.id, toId: s!.id, type: 'attributed_to', authorId: 'u-alice', createdAt: NOW }]);
    expect(plan).toMatchObject({ duplicates: 0, notAnchored: 0, warnings: [] });
    const ids = [c!.id, s!.id, plan.relations[0]!.id];
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort()).toEqual(ids);
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('skips annotations the article already has, and links relations to the existing ones', () => {
    const c = claim();
    const existing: Existing = {
      annotations: new Map([[annotationKey({ kind: 'claim', start: c.start, end: c.end, authorId: 'u-alice' }), ['old-claim']]]),
      relations: new Set(),
      unattributed: new Set(),
    };
    const plan = planDocument(doc([c, source()], [relation('attributed_to', 'c', 's')]), stored, existing, people, NOW);
    expect(plan.duplicates).toBe(1);
    expect(plan.annotations.map((a) => a.kind)).toEqual(['source']);
    expect(plan.relations).toMatchObject([{ fromId: 'old-claim', toId: plan.annotations[0]!.id, type: 'attributed_to', authorId: 'u-placeholder' }]);
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('does not count as duplicate the same span by another author or of another kind', () => {
    const c = claim();
    const existing: Existing = {
      annotations: new Map([[annotationKey({ kind: 'claim', start: c.start, end: c.end, authorId: 'u-bob' }), ['bobs']]]),
      relations: new Set(),
      unattributed: new Set(),
    };
    const plan = planDocument(doc([c, { ...c, key: 'e', kind: 'event' }]), stored, existing, people, NOW);
    expect(plan.duplicates).toBe(0);
    expect(plan.annotations.map((a) => a.kind)).toEqual(['claim', 'event']);
  });

  it('keeps equal annotations of one document apart (the source had both), and matches them one to one', () => {
    const twins = doc(
      [claim(), { ...claim(), key: 'c2', note: 'again' }, source()],
      [relation('attributed_to', 'c', 's'), relation('attributed_to', 'c2', 's')],
    );
    const plan = planDocument(twins, stored, none(), people, NOW);
    expect(plan.annotations.map((a) => a.note)).toEqual(['', 'again', '']);
    expect(plan.duplicates).toBe(0);
    expect(plan.relations.map((r) => [r.fromId, r.toId])).toEqual([
      [plan.annotations[0]!.id, plan.annotations[2]!.id],
      [plan.annotations[1]!.id, plan.annotations[2]!.id],
    ]);
    // The article has one of the twins: the other is still created.
    const c = claim();
    const one: Existing = {
      annotations: new Map([[annotationKey({ kind: 'claim', start: c.start, end: c.end, authorId: 'u-alice' }), ['old-c']]]),
      relations: new Set(),
      unattributed: new Set(),
    };
    const again = planDocument(twins, stored, one, people, NOW);
    expect(again.duplicates).toBe(1);
    expect(again.annotations.map((a) => [a.kind, a.note])).toEqual([
      ['claim', 'again'],
      ['source', ''],
    ]);
    expect(again.relations.map((r) => r.fromId)).toEqual(['old-c', again.annotations[0]!.id]);
  });

  it('does not plan relations the article already has', () => {
    const c = claim();
    const s = source();
    const existing: Existing = {
      annotations: new Map([
        [annotationKey({ kind: 'claim', start: c.start, end: c.end, authorId: 'u-alice' }), ['old-c']],
        [annotationKey({ kind: 'source', start: s.start, end: s.end, authorId: 'u-placeholder' }), ['old-s']],
      ]),
      relations: new Set([relationKey({ fromId: 'old-c', toId: 'old-s', type: 'attributed_to' })]),
      unattributed: new Set(),
    };
    const plan = planDocument(doc([c, s], [relation('attributed_to', 'c', 's')]), stored, existing, people, NOW);
    expect(plan).toMatchObject({ annotations: [], decisions: [], relations: [], duplicates: 2 });
  });

  it('matches people by email and gives anyone unknown the placeholder', () => {
    const approved = annotation('c', 'claim', 'left at dawn', {
      author: { email: 'stranger@example.org', name: 'S' },
      status: 'approved',
      decision: { decision: 'approve', comment: 'fine', reviewer: { email: 'alice@example.org', name: null }, createdAt: new Date('2026-01-07T00:00:00Z') },
    });
    const plan = planDocument(doc([approved, annotation('n', 'source', 'Kaminose Radio', { author: nobody })]), stored, none(), people, NOW);
    expect(plan.annotations.map((a) => a.authorId)).toEqual(['u-placeholder', 'u-placeholder']);
    expect(plan.decisions).toEqual([
      {
        id: expect.any(String),
        annotationId: plan.annotations[0]!.id,
        reviewerId: 'u-alice',
        decision: 'approve',
        comment: 'fine',
        annotationVersion: 1,
        createdAt: new Date('2026-01-07T00:00:00Z'),
      },
    ]);
  });

  it('gives an approved annotation without a decision one by the placeholder', () => {
    const updatedAt = new Date('2026-01-05T10:00:00Z');
    const plan = planDocument(
      doc([annotation('c', 'claim', 'left at dawn', { status: 'approved', version: 4, createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt })]),
      stored,
      none(),
      people,
      NOW,
    );
    expect(plan.annotations[0]).toMatchObject({ status: 'approved', version: 4 });
    expect(plan.decisions).toEqual([
      {
        id: expect.any(String),
        annotationId: plan.annotations[0]!.id,
        reviewerId: 'u-placeholder',
        decision: 'approve',
        comment: null,
        annotationVersion: 4,
        createdAt: updatedAt,
      },
    ]);
  });

  it('gives a rejected annotation without a decision the placeholder reason', () => {
    const plan = planDocument(doc([annotation('c', 'claim', 'left at dawn', { status: 'rejected' })]), stored, none(), people, NOW);
    expect(plan.annotations[0]).toMatchObject({ status: 'rejected' });
    expect(plan.decisions).toMatchObject([{ reviewerId: 'u-placeholder', decision: 'reject', comment: REJECTED_WITHOUT_REASON, createdAt: NOW }]);
  });

  it('defaults updatedAt to createdAt, and createdAt to now', () => {
    const createdAt = new Date('2026-01-02T00:00:00Z');
    const plan = planDocument(
      doc([annotation('a', 'claim', 'left at dawn', { createdAt }), annotation('b', 'source', 'Kaminose Radio')]),
      stored,
      none(),
      people,
      NOW,
    );
    expect(plan.annotations.map((a) => [a.createdAt, a.updatedAt])).toEqual([
      [createdAt, createdAt],
      [NOW, NOW],
    ]);
  });

  it('keeps notes, attributes, unattributed, status and version', () => {
    const a = annotation('a', 'claim', 'left at dawn', {
      note: 'n',
      attributes: { type: 'factual' },
      unattributed: true,
      version: 9,
      status: 'approved',
      decision: { decision: 'approve', comment: null, reviewer: nobody, createdAt: null },
    });
    const plan = planDocument(doc([a]), stored, none(), people, NOW);
    expect(plan.annotations[0]).toMatchObject({ note: 'n', attributes: { type: 'factual' }, unattributed: true, version: 9, status: 'approved' });
    expect(plan.decisions[0]).toMatchObject({ annotationVersion: 9, comment: null, createdAt: NOW, reviewerId: 'u-placeholder' });
  });

  it('leaves out, counts and names spans whose quote is not in the stored text, and their relations', () => {
    const other = { id: 'art-x', text: 'The family left at dawn.' };
    const plan = planDocument(
      doc([claim(), annotation('e', 'event', 'left at dawn'), source()], [relation('about', 'c', 'e'), relation('attributed_to', 'c', 's')]),
      other,
      none(),
      people,
      NOW,
    );
    expect(plan.notAnchored).toBe(2);
    expect(plan.annotations).toMatchObject([{ kind: 'event', start: other.text.indexOf('left at dawn') }]);
    expect(plan.relations).toEqual([]);
    expect(plan.warnings).toEqual([
      'Left out 2 relations to annotations that were left out.',
      'Left out 2 annotations whose text is not in the stored article: "the cafe\u0301 sea wall \\"will hold\\"", "佐藤 Hana".',
    ]);
  });

  it('names a long quote that is not in the stored text cut after whole emoji, never half of one', () => {
    const quote = `${'a'.repeat(39)}🌊 and the rest of a long quote`; // the wave's pair spans units 39-40
    const plan = planDocument(doc([annotation('x', 'claim', quote, { start: 0, end: quote.length })]), stored, none(), people, NOW);
    expect(plan.warnings).toEqual([`Left out 1 annotations whose text is not in the stored article: "${'a'.repeat(39)}…".`]);
  });

  it('does not attribute a claim the article marks unattributed on purpose, and says so', () => {
    const c = claim();
    const key = annotationKey({ kind: 'claim', start: c.start, end: c.end, authorId: 'u-alice' });
    const existing: Existing = { annotations: new Map([[key, ['old-c']]]), relations: new Set(), unattributed: new Set(['old-c']) };
    const plan = planDocument(doc([c, source()], [relation('attributed_to', 'c', 's')]), stored, existing, people, NOW);
    expect(plan.annotations.map((a) => a.kind)).toEqual(['source']);
    expect(plan.relations).toEqual([]);
    expect(plan.warnings).toEqual(['Left out 1 attributions of claims this article marks unattributed on purpose.']);
  });

  it('keeps the warnings the document came with', () => {
    expect(planDocument({ ...doc([]), warnings: ['from brat'] }, stored, none(), people, NOW).warnings).toEqual(['from brat']);
  });

  it('plans the golden fixture whole, then nothing once it is all there', () => {
    const read = readExportLine(JSON.parse(jsonlLine(ITEM)), 'golden');
    if (!read.ok) throw new Error(read.error);
    const everyone: People = {
      byEmail: new Map([
        ['alice@example.org', 'u1'],
        ['bob@example.org', 'u2'],
        ['rita@example.org', 'u3'],
      ]),
      placeholderId: 'px',
    };
    const first = planDocument(read.document, stored, none(), everyone, NOW);
    expect(first.annotations).toHaveLength(6);
    expect(first.relations).toHaveLength(3);
    expect(first.decisions.map((d) => [d.decision, d.reviewerId, d.comment]).sort()).toEqual([
      ['approve', 'u3', null],
      ['approve', 'u3', 'ok'],
      ['reject', 'u3', 'Not a source here,\nsee guidelines'],
    ]);
    const existing: Existing = {
      annotations: new Map(first.annotations.map((a) => [annotationKey(a), [a.id]])),
      relations: new Set(first.relations.map(relationKey)),
      unattributed: new Set(),
    };
    const again = planDocument(read.document, stored, existing, everyone, NOW);
    expect(again).toMatchObject({ annotations: [], decisions: [], relations: [], duplicates: 6, notAnchored: 0 });
  });
});
