import { annotationViewSelect, toAnnotationView, type AnnotationView } from '@/lib/annotations/service.ts';
import { findCommentView, type CommentView } from '@/lib/comments/service.ts';
import { db } from '@/lib/db.ts';
import { findRelationView, type RelationView } from '@/lib/relations/service.ts';

async function findAnnotationView(id: string): Promise<AnnotationView | null> {
  const row = await db().annotation.findUnique({ where: { id }, select: annotationViewSelect });
  return row && toAnnotationView(row);
}

/**
 * The creates whose answer can be rebuilt from the row they made (its view now, as the create
 * answers with it), by audit action. A write whose answer was lost and is not here is answered
 * as "already carried out".
 */
export const CREATED_VIEWS: Record<string, (id: string) => Promise<AnnotationView | RelationView | CommentView | null>> = {
  'annotation.create': findAnnotationView,
  'relation.create': findRelationView,
  'comment.create': findCommentView,
};
