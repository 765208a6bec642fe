import { describe, expect, it } from 'vitest';
import { ANNOTATION_KINDS, RELATION_PAIRS, RELATION_TYPES, relationTypeFor, STORED_KIND, STORED_RELATION_TYPE, STORED_STATUS } from './model.ts';
import { packedIndexSql, PACKED_KINDS, PACKED_RELATION_TYPES, PACKED_STATUSES, unpackPaintData, type PackedPaintData, type PaintData } from './paint.ts';

/** The inverse of unpackPaintData, as getPackedPaintData's SQL (queries.ts) builds it: users ordered by id. */
function pack(data: PaintData): PackedPaintData {
  const u = Object.entries(data.users).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const author = (id: string) => u.findIndex(([userId]) => userId === id);
  return {
    a: data.annotations
      .map((a) =>
        [
          a.id,
          PACKED_KINDS.indexOf(a.kind) * 6 + PACKED_STATUSES.indexOf(a.status) * 2 + (a.unattributed ? 1 : 0),
          a.start,
          a.end - a.start,
          author(a.authorId),
          a.version,
        ].join(','),
      )
      .join(';'),
    r: data.relations.map((r) => [r.id, r.fromId, r.toId, PACKED_RELATION_TYPES.indexOf(r.type), author(r.authorId)].join(',')).join(';'),
    u,
    f: 'fingerprint',
  };
}

const DATA: PaintData = {
  users: { 'u-ada': 'Ada Lovelace', 'u-bo': 'Bo 佐藤', 'u-cy': 'Cy 🌊' },
  annotations: [
    { id: 'a1', kind: 'claim', start: 0, end: 12, status: 'pending', authorId: 'u-bo', version: 1, unattributed: false },
    { id: 'a2', kind: 'event', start: 5, end: 40, status: 'approved', authorId: 'u-ada', version: 3, unattributed: false },
    { id: 'a3', kind: 'source', start: 41, end: 43, status: 'rejected', authorId: 'u-cy', version: 12, unattributed: false },
    { id: 'a4', kind: 'claim', start: 50, end: 51, status: 'approved', authorId: 'u-cy', version: 2, unattributed: true },
  ],
  relations: [
    { id: 'r1', fromId: 'a1', toId: 'a3', type: 'attributed_to', authorId: 'u-ada' },
    { id: 'r2', fromId: 'a2', toId: 'a3', type: 'reported_by', authorId: 'u-cy' },
    { id: 'r3', fromId: 'a1', toId: 'a2', type: 'about', authorId: 'u-bo' },
  ],
};

describe('unpackPaintData', () => {
  it('restores exactly what was packed, also after a trip through JSON', () => {
    const packed = pack(DATA);
    expect(unpackPaintData(packed)).toEqual(DATA);
    expect(unpackPaintData(JSON.parse(JSON.stringify(packed)) as PackedPaintData)).toEqual(DATA);
  });

  it('reads the row fields in their documented order', () => {
    const packed: PackedPaintData = {
      a: 'ann,11,7,12,1,4',
      r: 'rel,ann,other,2,0',
      f: '',
      u: [
        ['u-0', 'Zero'],
        ['u-1', 'One'],
      ],
    };
    expect(unpackPaintData(packed)).toEqual({
      users: { 'u-0': 'Zero', 'u-1': 'One' },
      annotations: [{ id: 'ann', kind: 'event', start: 7, end: 19, status: 'rejected', authorId: 'u-1', version: 4, unattributed: true }],
      relations: [{ id: 'rel', fromId: 'ann', toId: 'other', type: 'about', authorId: 'u-0' }],
    });
  });

  it('resolves authors by their index into the user list, shared by annotations and relations', () => {
    const packed = pack(DATA);
    expect(packed.u.map(([id]) => id)).toEqual(['u-ada', 'u-bo', 'u-cy']);
    expect(packed.a.split(';').map((a) => a.split(',')[4])).toEqual(['1', '0', '2', '2']);
    expect(packed.r.split(';').map((r) => r.split(',')[4])).toEqual(['0', '2', '1']);
    const unpacked = unpackPaintData(packed);
    expect(unpacked.annotations.map((a) => unpacked.users[a.authorId])).toEqual(['Bo 佐藤', 'Ada Lovelace', 'Cy 🌊', 'Cy 🌊']);
  });

  it('falls back to safe values for indices it does not know', () => {
    const unpacked = unpackPaintData({ a: 'x,18,0,1,5,1', r: 'y,x,x,3,-1', u: [], f: '' });
    expect(unpacked.annotations[0]).toMatchObject({ kind: 'claim', status: 'pending', authorId: '', unattributed: false });
    expect(unpacked.relations[0]).toMatchObject({ type: 'attributed_to', authorId: '' });
  });

  it('unpacks an article without annotations', () => {
    expect(unpackPaintData({ a: '', r: '', u: [], f: '' })).toEqual({ annotations: [], relations: [], users: {} });
  });

  it('packs in SQL by the index orders unpackPaintData reads, from the stored values', () => {
    expect([...PACKED_KINDS].sort()).toEqual([...ANNOTATION_KINDS].sort());
    expect(packedIndexSql('a.kind', PACKED_KINDS, STORED_KIND)).toBe("CASE a.kind WHEN 'CLAIM' THEN 0 WHEN 'EVENT' THEN 1 ELSE 2 END");
    expect(packedIndexSql('a.status', PACKED_STATUSES, STORED_STATUS)).toBe("CASE a.status WHEN 'PENDING' THEN 0 WHEN 'APPROVED' THEN 1 ELSE 2 END");
    expect(packedIndexSql('r.type', PACKED_RELATION_TYPES, STORED_RELATION_TYPE)).toBe(
      "CASE r.type WHEN 'ATTRIBUTED_TO' THEN 0 WHEN 'REPORTED_BY' THEN 1 ELSE 2 END",
    );
  });
});

describe('relation pairs', () => {
  it('allows exactly claim -> source, event -> source and claim -> event', () => {
    const allowed = ANNOTATION_KINDS.flatMap((from) => ANNOTATION_KINDS.map((to) => [from, to, relationTypeFor(from, to)] as const)).filter(
      ([, , type]) => type,
    );
    expect(allowed).toEqual([
      ['claim', 'event', 'about'],
      ['claim', 'source', 'attributed_to'],
      ['event', 'source', 'reported_by'],
    ]);
  });

  it('refuses the reverse directions and a kind joined to itself', () => {
    expect(relationTypeFor('source', 'claim')).toBeNull();
    expect(relationTypeFor('source', 'event')).toBeNull();
    expect(relationTypeFor('event', 'claim')).toBeNull();
    for (const kind of ANNOTATION_KINDS) expect(relationTypeFor(kind, kind)).toBeNull();
  });

  it('has one pair per relation type, each distinct, which relationTypeFor finds again', () => {
    expect(Object.keys(RELATION_PAIRS).sort()).toEqual([...RELATION_TYPES].sort());
    const pairs = RELATION_TYPES.map((type) => `${RELATION_PAIRS[type].from}->${RELATION_PAIRS[type].to}`);
    expect(new Set(pairs).size).toBe(RELATION_TYPES.length);
    for (const type of RELATION_TYPES) {
      expect(ANNOTATION_KINDS).toContain(RELATION_PAIRS[type].from);
      expect(ANNOTATION_KINDS).toContain(RELATION_PAIRS[type].to);
      expect(relationTypeFor(RELATION_PAIRS[type].from, RELATION_PAIRS[type].to)).toBe(type);
    }
  });
});
