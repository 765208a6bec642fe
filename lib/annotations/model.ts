/**
 * The vocabulary of annotating, defined once: kinds, review statuses, relation types and review
 * decisions, spelled as the API, the Prisma enums and the browser spell them, with their labels,
 * glyphs and colours. Relation types and decisions live here too, not in lib/relations and
 * lib/review, because an annotation's detail shows its relations and decisions and those
 * domains build on this one (never the other way round). Pure: client components import it.
 */
import type { AnnotationKind, AnnotationStatus, Decision, RelationType } from '@/lib/generated/prisma/enums.ts';
import { fail } from '@/lib/result.ts';

export const ANNOTATION_KINDS = ['claim', 'event', 'source'] as const;
export type AnnotationKindName = (typeof ANNOTATION_KINDS)[number];

export const ANNOTATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AnnotationStatusName = (typeof ANNOTATION_STATUSES)[number];

export const RELATION_TYPES = ['attributed_to', 'reported_by', 'about'] as const;
export type RelationTypeName = (typeof RELATION_TYPES)[number];

export const DECISIONS = ['approve', 'reject'] as const;
export type DecisionName = (typeof DECISIONS)[number];

/** Fails to compile when the Prisma enums (prisma/schema.prisma) and these tuples part ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const PRISMA_ENUMS_MATCH: [
  Same<AnnotationKind, AnnotationKindName>,
  Same<AnnotationStatus, AnnotationStatusName>,
  Same<RelationType, RelationTypeName>,
  Same<Decision, DecisionName>,
] = [true, true, true, true];

/**
 * The values PostgreSQL stores (each Prisma enum value @maps to one): what raw SQL compares with
 * and writes. Prisma queries use the names above.
 */
export const STORED_KIND = { claim: 'CLAIM', event: 'EVENT', source: 'SOURCE' } as const satisfies Record<AnnotationKindName, string>;
export const STORED_STATUS = { pending: 'PENDING', approved: 'APPROVED', rejected: 'REJECTED' } as const satisfies Record<AnnotationStatusName, string>;
export const STORED_RELATION_TYPE = { attributed_to: 'ATTRIBUTED_TO', reported_by: 'REPORTED_BY', about: 'ABOUT' } as const satisfies Record<
  RelationTypeName,
  string
>;

export const STORED_DECISION = { approve: 'APPROVE', reject: 'REJECT' } as const satisfies Record<DecisionName, string>;
export type StoredKind = (typeof STORED_KIND)[AnnotationKindName];
export type StoredStatus = (typeof STORED_STATUS)[AnnotationStatusName];

/** The model value of a stored one, for enum columns that raw SQL reads as text. */
export function fromStored<T extends string, S extends string>(stored: Record<T, S>, value: S): T {
  return (Object.keys(stored) as T[]).find((key) => stored[key] === value)!;
}

/** A kind as people read it. */
export const KIND_LABEL: Record<AnnotationKindName, string> = { claim: 'Claim', event: 'Event', source: 'Source' };
/** How a kind's highlight is drawn besides its colour (components/annotator/annotator.css), for screen readers and the legend. */
export const KIND_CUE: Record<AnnotationKindName, string> = { claim: 'solid underline', event: 'dashed underline', source: 'dotted underline' };

/** A status as people read it, without its glyph (sentences, announcements). */
export const STATUS_NAME: Record<AnnotationStatusName, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };
/** The mark a judged highlight ends with (annotator.css draws the same ✓ and ✗ after the text). */
export const STATUS_GLYPH: Record<AnnotationStatusName, string> = { pending: '', approved: '✓', rejected: '✗' };
/** A status as labels show it: its name and its glyph. */
export const STATUS_LABEL = Object.fromEntries(
  ANNOTATION_STATUSES.map((status) => [status, STATUS_GLYPH[status] ? `${STATUS_NAME[status]} ${STATUS_GLYPH[status]}` : STATUS_NAME[status]]),
) as Record<AnnotationStatusName, string>;
/** Chart colours per status: distinguishable with the common colour-vision deficiencies. */
export const STATUS_COLOURS = { approved: '#1b7837', rejected: '#b2182b', pending: '#a8a29e' } as const satisfies Record<AnnotationStatusName, string>;

/**
 * Which kinds a relation may join, from -> to (docs/architecture.md "Data model and its invariants"): a claim is attributed to a source,
 * an event is reported by a source, a claim is about an event.
 */
export const RELATION_PAIRS: Record<RelationTypeName, { from: AnnotationKindName; to: AnnotationKindName }> = {
  attributed_to: { from: 'claim', to: 'source' },
  reported_by: { from: 'event', to: 'source' },
  about: { from: 'claim', to: 'event' },
};

/** The relation type that joins these two kinds in this direction, if any. */
export function relationTypeFor(from: AnnotationKindName, to: AnnotationKindName): RelationTypeName | null {
  for (const type of RELATION_TYPES) if (RELATION_PAIRS[type].from === from && RELATION_PAIRS[type].to === to) return type;
  return null;
}

/** A relation as people read it, from either end, and the action that starts one. */
export const RELATION_LABEL: Record<RelationTypeName, { outgoing: string; incoming: string; action: string }> = {
  attributed_to: { outgoing: 'Attributed to', incoming: 'Source of', action: 'Attribute to source' },
  reported_by: { outgoing: 'Reported by', incoming: 'Reports', action: 'Reported by source' },
  about: { outgoing: 'About', incoming: 'Claims about it', action: 'About an event' },
};

/** The status an annotation takes from a decision on its current version, and the decision a judged status stands for. */
export const DECISION_STATUS: Record<DecisionName, AnnotationStatusName> = { approve: 'approved', reject: 'rejected' };
export const STATUS_DECISION: Record<Exclude<AnnotationStatusName, 'pending'>, DecisionName> = { approved: 'approve', rejected: 'reject' };

/** The stored fields of an annotation, shared by the API's view and the import's rows. */
export interface AnnotationFields {
  id: string;
  articleId: string;
  kind: AnnotationKindName;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  attributes: Record<string, unknown>;
  /** A claim deliberately marked as having no source (always false for events and sources). */
  unattributed: boolean;
  status: AnnotationStatusName;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The annotation as the API shows it (docs/api.md "The annotation"). */
export interface AnnotationView extends AnnotationFields {
  author: { id: string; name: string };
}

export interface AnnotationRelationDetail {
  id: string;
  type: RelationTypeName;
  /** outgoing: this annotation is the relation's `from` (a claim attributed to a source); incoming: its `to`. */
  direction: 'outgoing' | 'incoming';
  other: { id: string; kind: AnnotationKindName; exact: string; status: AnnotationStatusName };
  author: { id: string; name: string };
}

export interface AnnotationDecisionDetail {
  id: string;
  decision: DecisionName;
  comment: string | null;
  annotationVersion: number;
  reviewer: { id: string; name: string };
  createdAt: Date;
}

/** What the annotator's side panel shows of one annotation (`GET /api/annotations/:id`). */
export interface AnnotationDetail extends AnnotationView {
  relations: AnnotationRelationDetail[];
  /** Newest first. */
  decisions: AnnotationDecisionDetail[];
  commentCount: number;
}

/** The one answer for an annotation that does not exist, or that the caller may not see (docs/architecture.md "Roles and permissions": 404, never 403). */
export const NO_ANNOTATION = fail('not_found', 'No such annotation.');
