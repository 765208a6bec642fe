import { db, type Prisma } from '@/lib/db.ts';
import type { CommentView } from './model.ts';

export const commentViewSelect = {
  id: true,
  annotationId: true,
  body: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const satisfies Prisma.CommentSelect;

/** One comment as the API shows it, or null. */
export async function findCommentView(id: string): Promise<CommentView | null> {
  return db().comment.findUnique({ where: { id }, select: commentViewSelect });
}

/** An annotation's thread, oldest first; null when there is no such annotation. */
export async function listComments(annotationId: string): Promise<CommentView[] | null> {
  const annotation = await db().annotation.findUnique({ where: { id: annotationId }, select: { id: true } });
  if (!annotation) return null;
  return db().comment.findMany({ where: { annotationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: commentViewSelect });
}
