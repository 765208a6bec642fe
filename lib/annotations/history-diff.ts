import { truncate } from '@/lib/text/truncate.ts';
import { fromStored, STORED_KIND, type StoredKind } from './model.ts';

/**
 * Pure part of an annotation's history (getAnnotationHistory in lib/annotations/queries.ts): what changed between two
 * audit snapshots, and how the timeline says it. No database here; the UI imports it too.
 */

/** The fields an edit can change, in the order the timeline lists them. */
export const HISTORY_FIELDS = ['kind', 'span', 'note', 'attributes', 'unattributed', 'status'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export interface SpanValue {
  start: number;
  end: number;
  exact: string;
}

/** One field of one edit: `span` carries `{ start, end, exact }`, `attributes` the whole objects. */
export interface FieldChange {
  field: HistoryField;
  before: unknown;
  after: unknown;
}

/** What lib/annotations/mutations.ts writes as `before`/`after` of an annotation's audit events (older rows may lack fields). */
export type AnnotationSnapshot = Partial<{
  kind: string;
  start: number;
  end: number;
  exact: string;
  note: string;
  attributes: Record<string, unknown>;
  unattributed: boolean;
  status: string;
  version: number;
}>;

export interface HistoryActor {
  id: string;
  name: string;
}

export interface RelationEnd {
  id: string;
  kind: string;
  exact: string;
}

interface HistoryItemBase<At> {
  /** The audit event's id. */
  id: string;
  at: At;
  /** Null when the account was deleted (the trail outlives it). */
  actor: HistoryActor | null;
}

/** One entry of the timeline; `At` is a Date on the server and an ISO string in the JSON the browser reads. */
export type HistoryItem<At = Date> = HistoryItemBase<At> &
  (
    | { type: 'created'; kind: string | null; span: SpanValue | null; note: string; attributes: Record<string, unknown>; version: number; imported?: true }
    | { type: 'edited'; changes: FieldChange[]; version: number | null }
    | { type: 'decided'; decision: 'approve' | 'reject'; reason: string | null; version: number | null; status: string | null }
    | { type: 'commented'; commentId: string; body: string }
    | {
        type: 'linked' | 'unlinked';
        relationId: string;
        relationType: string;
        /** Whether this annotation is the relation's `from` end (a claim attributed to a source) or its `to` end. */
        direction: 'from' | 'to';
        /** The annotation at the other end, or null when it no longer exists. */
        other: RelationEnd | null;
      }
    | { type: 'deleted' }
  );

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Equality of JSON values, object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameJson(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function spanOf(s: AnnotationSnapshot): SpanValue | undefined {
  return typeof s.start === 'number' && typeof s.end === 'number'
    ? { start: s.start, end: s.end, exact: typeof s.exact === 'string' ? s.exact : '' }
    : undefined;
}

function fieldValue(s: AnnotationSnapshot, field: HistoryField): unknown {
  switch (field) {
    case 'span':
      return spanOf(s);
    case 'attributes':
      return s.attributes === undefined ? undefined : isRecord(s.attributes) ? s.attributes : {};
    default:
      return s[field];
  }
}

/**
 * The fields that differ between two snapshots, in HISTORY_FIELDS order. A field either snapshot
 * lacks (a row written before the field existed) is left out rather than guessed; the version is
 * not a field, it changes with every edit.
 */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const b: AnnotationSnapshot = isRecord(before) ? before : {};
  const a: AnnotationSnapshot = isRecord(after) ? after : {};
  const changes: FieldChange[] = [];
  for (const field of HISTORY_FIELDS) {
    const was = fieldValue(b, field);
    const now = fieldValue(a, field);
    if (was === undefined || now === undefined || sameJson(was, now)) continue;
    changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** One attribute's change within an `attributes` change, keys in a stable order. */
export function attributeChanges(before: unknown, after: unknown): { key: string; before: unknown; after: unknown }[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.filter((key) => !sameJson(b[key], a[key])).map((key) => ({ key, before: b[key], after: a[key] }));
}

// ─── Words ──────────────────────────────────────────────────────────────────────────

export const HISTORY_VALUE_MAX = 80;

/** A value cut to `max` characters with an ellipsis, never inside a grapheme. */
const cut = (text: string) => truncate(text, HISTORY_VALUE_MAX);

const quoted = (text: string) => `“${cut(text)}”`;

/** A key or type name as words: `canonicalName` and `attributed_to` read "canonical name", "attributed to". */
const words = (name: string) =>
  name
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/** A JSON value as the timeline shows it: text quoted and cut, lists joined, yes/no for booleans. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'nothing';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'nothing' : cut(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '));
  return cut(JSON.stringify(value));
}

/** An annotation's attributes in one line, as the timeline words them: "canonical name: “Satō Hana” · checkworthy: yes". */
export const formatAttributes = (attributes: Record<string, unknown>) =>
  Object.entries(attributes)
    .map(([key, value]) => `${words(key)}: ${formatValue(value)}`)
    .join(' · ');

/** A link in words, from this annotation's side: "attributed it to the source “…”" or "attributed the claim “…” to it". */
const RELATION_PHRASES: Record<string, { from: (other: string) => string; to: (other: string) => string }> = {
  attributed_to: { from: (o) => `attributed it to ${o}`, to: (o) => `attributed ${o} to it` },
  reported_by: { from: (o) => `marked it as reported by ${o}`, to: (o) => `marked ${o} as reported by it` },
  about: { from: (o) => `linked it as about ${o}`, to: (o) => `linked ${o} as about it` },
};

/** How one field change reads, without the actor: "changed the note from “a” to “b”". */
export function describeChange(change: FieldChange): string {
  switch (change.field) {
    case 'kind':
      return `changed the kind from ${String(change.before)} to ${String(change.after)}`;
    case 'span': {
      const b = change.before as SpanValue;
      const a = change.after as SpanValue;
      return b.exact !== a.exact
        ? `moved the span from ${quoted(b.exact)} to ${quoted(a.exact)}`
        : `moved the span from ${b.start}–${b.end} to ${a.start}–${a.end}`;
    }
    case 'note':
      if (!change.before) return `added the note ${formatValue(change.after)}`;
      if (!change.after) return `removed the note ${formatValue(change.before)}`;
      return `changed the note from ${formatValue(change.before)} to ${formatValue(change.after)}`;
    case 'attributes': {
      const parts = attributeChanges(change.before, change.after).map(({ key, before, after }) =>
        before === undefined
          ? `set ${words(key)} to ${formatValue(after)}`
          : after === undefined
            ? `cleared ${words(key)} (was ${formatValue(before)})`
            : `changed ${words(key)} from ${formatValue(before)} to ${formatValue(after)}`,
      );
      return parts.length > 0 ? parts.join('; ') : 'changed the attributes';
    }
    case 'unattributed':
      return change.after ? 'marked it as unattributed' : 'removed the unattributed mark';
    case 'status':
      return `status went from ${String(change.before)} to ${String(change.after)}`;
  }
}

/** The whole entry's sentence(s), the actor first: "Ana changed the note from “…” to “…”". */
export function describeHistoryItem(item: HistoryItem<Date | string>): string {
  const who = item.actor?.name ?? 'A deleted user';
  switch (item.type) {
    case 'created': {
      const what = item.kind ? `this ${item.kind}` : 'this annotation';
      return `${who} ${item.imported ? 'imported' : 'created'} ${what}${item.span ? ` on ${quoted(item.span.exact)}` : ''}${item.note ? ` with the note ${quoted(item.note)}` : ''}`;
    }
    case 'edited': {
      if (item.changes.length === 0) return `${who} saved it without changes${item.version ? ` (version ${item.version})` : ''}`;
      const edits = item.changes.filter((c) => c.field !== 'status').map(describeChange);
      const status = item.changes.find((c) => c.field === 'status');
      const text = edits.length > 0 ? `${who} ${edits.join('; ')}` : `${who} edited it`;
      return status ? `${text}; it went back to ${String(status.after)}` : text;
    }
    case 'decided': {
      const verb = item.decision === 'approve' ? 'approved' : 'rejected';
      return `${who} ${verb} ${item.version ? `version ${item.version}` : 'it'}${item.reason ? `: ${quoted(item.reason)}` : ''}`;
    }
    case 'commented':
      return `${who} commented: ${quoted(item.body)}`;
    case 'linked':
    case 'unlinked': {
      const other = item.other ? `the ${item.other.kind} ${quoted(item.other.exact)}` : 'an annotation since deleted';
      if (item.type === 'unlinked') return `${who} unlinked it from ${other} (${words(item.relationType)})`;
      const phrase = RELATION_PHRASES[item.relationType]?.[item.direction];
      return phrase ? `${who} ${phrase(other)}` : `${who} linked it to ${other} (${words(item.relationType)})`;
    }
    case 'deleted':
      return `${who} deleted it`;
  }
}

/** One audit event touching the annotation, with its actor's name and, for a link, the annotation at the other end. */
export interface HistoryRow {
  id: string;
  action: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  otherId: string | null;
  otherKind: StoredKind | null;
  otherExact: string | null;
}

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/** An audit row as a timeline entry; null for an action the timeline does not show. */
export function toHistoryItem(row: HistoryRow, annotationId: string): HistoryItem | null {
  const base = { id: row.id, at: row.createdAt, actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null };
  const before = asRecord(row.before);
  const after = asRecord(row.after);
  switch (row.action) {
    case 'annotation.create':
    case 'annotation.import': {
      const start = int(after.start);
      const end = int(after.end);
      return {
        ...base,
        type: 'created',
        kind: text(after.kind),
        span: start !== null && end !== null ? { start, end, exact: text(after.exact) ?? '' } : null,
        note: text(after.note) ?? '',
        attributes: asRecord(after.attributes),
        version: int(after.version) ?? 1,
        ...(row.action === 'annotation.import' ? { imported: true as const } : {}),
      };
    }
    case 'annotation.update':
      return { ...base, type: 'edited', changes: diffSnapshots(before, after), version: int(after.version) };
    case 'annotation.review':
      return {
        ...base,
        type: 'decided',
        decision: after.decision === 'reject' ? 'reject' : 'approve',
        reason: text(after.comment),
        // A decision does not change the version: the one it judged is the one before it.
        version: int(before.version) ?? int(after.version),
        status: text(after.status),
      };
    case 'annotation.delete':
      return { ...base, type: 'deleted' };
    case 'comment.create':
      return { ...base, type: 'commented', commentId: row.entityId, body: text(after.body) ?? '' };
    case 'relation.create':
    case 'relation.delete': {
      const ends = row.action === 'relation.create' ? after : before;
      return {
        ...base,
        type: row.action === 'relation.create' ? 'linked' : 'unlinked',
        relationId: row.entityId,
        relationType: text(ends.type) ?? 'attributed_to',
        direction: ends.fromId === annotationId ? 'from' : 'to',
        other: row.otherId && row.otherKind ? { id: row.otherId, kind: fromStored(STORED_KIND, row.otherKind), exact: row.otherExact ?? '' } : null,
      };
    }
    default:
      return null;
  }
}
