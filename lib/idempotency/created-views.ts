import type { AnnotationView } from '@/lib/annotations/model.ts';
import { findAnnotationView } from '@/lib/annotations/queries.ts';
import { findCommentView } from '@/lib/comments/queries.ts';
import type { CommentView } from '@/lib/comments/model.ts';
import { findRelationView } from '@/lib/relations/queries.ts';
import type { RelationView } from '@/lib/relations/model.ts';

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
