import { db } from '../db.ts';
import { relationTypeFromDb } from '../relations/schemas.ts';
import type { AnnotationStatusName, RelationTypeName } from './paint.ts';
import { kindFromDb, type AnnotationKindName } from './schemas.ts';
import { annotationViewSelect, toAnnotationView, type AnnotationView } from './service.ts';

/** How much of the other end's quote a relation carries: enough to recognise it in a panel. */
export const RELATED_EXACT_MAX = 200;

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
  decision: 'approve' | 'reject';
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

/** A quote cut to at most `max` UTF-16 units, ending in an ellipsis, never inside a surrogate pair. */
export function truncateQuote(text: string, max = RELATED_EXACT_MAX): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end)}…`;
}

const otherEnd = { select: { id: true, kind: true, exact: true, status: true } } as const;
const person = { select: { id: true, name: true } } as const;
const relationOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The annotation with its relations (both directions), review history and comment count; null when unknown. */
export async function getAnnotationDetail(id: string): Promise<AnnotationDetail | null> {
  const row = await db().annotation.findUnique({
    where: { id },
    select: {
      ...annotationViewSelect,
      outgoing: { select: { id: true, type: true, author: person, to: otherEnd }, orderBy: relationOrder },
      incoming: { select: { id: true, type: true, author: person, from: otherEnd }, orderBy: relationOrder },
      decisions: { select: { id: true, decision: true, comment: true, annotationVersion: true, createdAt: true, reviewer: person }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
      _count: { select: { comments: true } },
    },
  });
  if (!row) return null;
  const { outgoing, incoming, decisions, _count, ...view } = row;
  const other = (a: (typeof outgoing)[number]['to']) => ({ id: a.id, kind: kindFromDb(a.kind), exact: truncateQuote(a.exact), status: a.status.toLowerCase() as AnnotationStatusName });
  return {
    ...toAnnotationView(view),
    relations: [
      ...outgoing.map((r) => ({ id: r.id, type: relationTypeFromDb(r.type), direction: 'outgoing' as const, other: other(r.to), author: r.author })),
      ...incoming.map((r) => ({ id: r.id, type: relationTypeFromDb(r.type), direction: 'incoming' as const, other: other(r.from), author: r.author })),
    ],
    decisions: decisions.map((d) => ({ ...d, decision: d.decision.toLowerCase() as AnnotationDecisionDetail['decision'] })),
    commentCount: _count.comments,
  };
}
