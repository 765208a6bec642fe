import { describe, expect, it } from 'vitest';
import { truncate } from '@/lib/text/truncate.ts';
import {
  attributeChanges,
  formatAttributes,
  describeChange,
  describeHistoryItem,
  diffSnapshots,
  formatValue,
  sameJson,
  HISTORY_VALUE_MAX,
  type HistoryItem,
  toHistoryItem,
} from './history-diff.ts';

const snapshot = {
  kind: 'claim',
  start: 4,
  end: 9,
  exact: 'mayor',
  note: '',
  attributes: { type: 'opinion' },
  unattributed: false,
  status: 'approved',
  version: 3,
};
const at = new Date('2025-01-02T03:04:05Z');
const ana = { id: 'u1', name: 'Ana' };

describe('diffSnapshots', () => {
  it('finds nothing between equal snapshots, attribute keys in any order, and ignores the version', () => {
    expect(diffSnapshots(snapshot, { ...snapshot, version: 4, attributes: { type: 'opinion' } })).toEqual([]);
    expect(diffSnapshots({ ...snapshot, attributes: { a: 1, b: [1, 2] } }, { ...snapshot, attributes: { b: [1, 2], a: 1 } })).toEqual([]);
  });

  it('lists each changed field in a fixed order, the span as start, end and quote together', () => {
    const after = {
      ...snapshot,
      kind: 'event',
      start: 0,
      end: 9,
      exact: 'The mayor',
      note: 'n',
      attributes: {},
      unattributed: true,
      status: 'pending',
      version: 4,
    };
    expect(diffSnapshots(snapshot, after)).toEqual([
      { field: 'kind', before: 'claim', after: 'event' },
      { field: 'span', before: { start: 4, end: 9, exact: 'mayor' }, after: { start: 0, end: 9, exact: 'The mayor' } },
      { field: 'note', before: '', after: 'n' },
      { field: 'attributes', before: { type: 'opinion' }, after: {} },
      { field: 'unattributed', before: false, after: true },
      { field: 'status', before: 'approved', after: 'pending' },
    ]);
  });

  it('leaves out a field one side lacks (rows older than the field), and survives junk', () => {
    const { unattributed: _dropped, ...old } = snapshot;
    void _dropped;
    expect(diffSnapshots(old, { ...snapshot, unattributed: true })).toEqual([]);
    expect(diffSnapshots(null, 'junk')).toEqual([]);
    expect(diffSnapshots({ ...snapshot, attributes: null }, { ...snapshot, attributes: { type: 'x' } })).toEqual([
      { field: 'attributes', before: {}, after: { type: 'x' } },
    ]);
  });
});

describe('helpers', () => {
  it('compares JSON deeply', () => {
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson([], {})).toBe(false);
  });

  it('lists attribute changes by key', () => {
    expect(attributeChanges({ type: 'a', gone: 1 }, { type: 'b', added: true })).toEqual([
      { key: 'added', before: undefined, after: true },
      { key: 'gone', before: 1, after: undefined },
      { key: 'type', before: 'a', after: 'b' },
    ]);
  });

  it('cuts long values on code points with an ellipsis', () => {
    expect(truncate('short', HISTORY_VALUE_MAX)).toBe('short');
    expect(truncate('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(truncate('🌊'.repeat(20), 5)).toBe('🌊🌊🌊🌊…');
    expect(formatValue('x'.repeat(200))).toHaveLength(82);
    expect([formatValue(null), formatValue(''), formatValue(true), formatValue(['Ana', 'Ben']), formatValue(3)]).toEqual([
      'nothing',
      'nothing',
      'yes',
      'Ana, Ben',
      '3',
    ]);
  });
});

describe('describing', () => {
  it('says each field change in words', () => {
    expect(describeChange({ field: 'note', before: '', after: 'New' })).toBe('added the note “New”');
    expect(describeChange({ field: 'note', before: 'Old', after: '' })).toBe('removed the note “Old”');
    expect(describeChange({ field: 'kind', before: 'claim', after: 'event' })).toBe('changed the kind from claim to event');
    expect(describeChange({ field: 'span', before: { start: 1, end: 3, exact: 'ab' }, after: { start: 5, end: 7, exact: 'ab' } })).toBe(
      'moved the span from 1–3 to 5–7',
    );
    expect(describeChange({ field: 'attributes', before: { type: 'named_person', canonicalName: 'X' }, after: { type: 'organization' } })).toBe(
      'cleared canonical name (was “X”); changed type from “named_person” to “organization”',
    );
    expect(describeChange({ field: 'unattributed', before: false, after: true })).toBe('marked it as unattributed');
    expect(describeChange({ field: 'unattributed', before: true, after: false })).toBe('removed the unattributed mark');
  });

  it('says each entry with its actor', () => {
    const item = (rest: Record<string, unknown>) => ({ id: 'e', at, actor: ana, ...rest }) as HistoryItem;
    expect(describeHistoryItem(item({ type: 'edited', version: 2, changes: [{ field: 'note', before: 'a'.repeat(100), after: 'b' }] }))).toBe(
      `Ana changed the note from “${'a'.repeat(79)}…” to “b”`,
    );
    expect(describeHistoryItem(item({ type: 'edited', version: 2, changes: [{ field: 'status', before: 'approved', after: 'pending' }] }))).toBe(
      'Ana edited it; it went back to pending',
    );
    expect(describeHistoryItem(item({ type: 'decided', decision: 'reject', reason: 'Wrong kind', version: 2, status: 'rejected' }))).toBe(
      'Ana rejected version 2: “Wrong kind”',
    );
    expect(describeHistoryItem(item({ type: 'decided', decision: 'approve', reason: null, version: null, status: 'approved' }))).toBe('Ana approved it');
    expect(
      describeHistoryItem(
        item({ type: 'linked', relationId: 'r', relationType: 'reported_by', direction: 'to', other: { id: 'x', kind: 'event', exact: 'Floods' } }),
      ),
    ).toBe('Ana marked the event “Floods” as reported by it');
    expect(
      describeHistoryItem(
        item({ type: 'linked', relationId: 'r', relationType: 'about', direction: 'from', other: { id: 'x', kind: 'event', exact: 'Floods' } }),
      ),
    ).toBe('Ana linked it as about the event “Floods”');
    expect(describeHistoryItem({ id: 'e', at: at.toISOString(), actor: null, type: 'deleted' })).toBe('A deleted user deleted it');
  });
});

describe('toHistoryItem', () => {
  const row = (action: string, after: unknown, before: unknown = null) => ({
    id: 'e1',
    action,
    entityId: 'a1',
    before,
    after,
    createdAt: new Date('2026-01-05T10:00:00Z'),
    actorId: 'u1',
    actorName: 'Ada',
    otherId: null,
    otherKind: null,
    otherExact: null,
  });

  it('reads a creation and an import as "created", the import marked', () => {
    const after = { kind: 'claim', start: 3, end: 9, exact: 'harbour', note: 'n', attributes: { type: 'factual' }, version: 2 };
    const created = toHistoryItem(row('annotation.create', after), 'a1');
    expect(created).toEqual({
      id: 'e1',
      at: new Date('2026-01-05T10:00:00Z'),
      actor: { id: 'u1', name: 'Ada' },
      type: 'created',
      kind: 'claim',
      span: { start: 3, end: 9, exact: 'harbour' },
      note: 'n',
      attributes: { type: 'factual' },
      version: 2,
    });
    expect(toHistoryItem(row('annotation.import', after), 'a1')).toEqual({ ...created, imported: true });
  });

  it('shows nothing for an action the timeline does not know, and survives garbled JSON', () => {
    expect(toHistoryItem(row('user.create', {}), 'a1')).toBeNull();
    expect(toHistoryItem(row('annotation.create', 'not an object'), 'a1')).toMatchObject({
      type: 'created',
      kind: null,
      span: null,
      note: '',
      attributes: {},
      version: 1,
    });
  });
});

describe('formatAttributes', () => {
  it('words every attribute as the timeline does', () => {
    expect(formatAttributes({ canonicalName: 'Satō Hana', checkworthy: true, participants: ['A', 'B'] })).toBe(
      'canonical name: “Satō Hana” · checkworthy: yes · participants: A, B',
    );
    expect(formatAttributes({})).toBe('');
  });
});
