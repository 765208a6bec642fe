import { truncate } from '@/lib/text/truncate.ts';
import { db } from '@/lib/db.ts';
import { relationTypeFromDb } from '@/lib/relations/schemas.ts';
import type { AnnotationStatusName, RelationTypeName } from './paint.ts';
import { decisionFromDb } from '@/lib/review/schemas.ts';
import { kindFromDb, statusFromDb, type AnnotationKindName } from './schemas.ts';
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

const otherEnd = { select: { id: true, kind: true, exact: true, status: true } } as const;
const person = { select: { id: true, name: true } } as const;

/**
 * The relations of several annotations, both directions, in one query: per annotation outgoing
 * first, each oldest first, as the side panel and the review queue list them.
 */
export async function relationsOf(ids: readonly string[]): Promise<Map<string, AnnotationRelationDetail[]>> {
  const byAnnotation = new Map<string, AnnotationRelationDetail[]>();
  if (ids.length === 0) return byAnnotation;
  const rows = await db().relation.findMany({
    where: { OR: [{ fromId: { in: [...ids] } }, { toId: { in: [...ids] } }] },
    select: { id: true, type: true, fromId: true, toId: true, author: person, from: otherEnd, to: otherEnd },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const wanted = new Set(ids);
  const other = (a: (typeof rows)[number]['to']) => ({
    id: a.id,
    kind: kindFromDb(a.kind),
    exact: truncate(a.exact, RELATED_EXACT_MAX, { unit: 'utf16' }),
    status: statusFromDb(a.status),
  });
  const add = (id: string, relation: AnnotationRelationDetail) => byAnnotation.set(id, [...(byAnnotation.get(id) ?? []), relation]);
  for (const direction of ['outgoing', 'incoming'] as const) {
    for (const r of rows) {
      const self = direction === 'outgoing' ? r.fromId : r.toId;
      if (wanted.has(self))
        add(self, { id: r.id, type: relationTypeFromDb(r.type), direction, other: other(direction === 'outgoing' ? r.to : r.from), author: r.author });
    }
  }
  return byAnnotation;
}

/** The annotation with its relations (both directions), review history and comment count; null when unknown. */
export async function getAnnotationDetail(id: string): Promise<AnnotationDetail | null> {
  const [row, relations] = await Promise.all([
    db().annotation.findUnique({
      where: { id },
      select: {
        ...annotationViewSelect,
        decisions: {
          select: { id: true, decision: true, comment: true, annotationVersion: true, createdAt: true, reviewer: person },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        },
        _count: { select: { comments: true } },
      },
    }),
    relationsOf([id]),
  ]);
  if (!row) return null;
  const { decisions, _count, ...view } = row;
  return {
    ...toAnnotationView(view),
    relations: relations.get(id) ?? [],
    decisions: decisions.map((d) => ({ ...d, decision: decisionFromDb(d.decision) })),
    commentCount: _count.comments,
  };
}
