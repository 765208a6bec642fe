import { recordAudit } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, type Prisma } from '@/lib/db.ts';
import { ok, type Result } from '@/lib/result.ts';
import type { CreateCommentInput } from './schemas.ts';
import { NO_ANNOTATION } from '@/lib/annotations/not-found.ts';

/** A comment of an annotation's thread, as the API shows it. */
export interface CommentView {
  id: string;
  annotationId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
}

const commentViewSelect = {
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

/** Anyone signed in may comment on any annotation (docs/architecture.md "Roles and permissions"); the author comes from the session. */
export async function createComment(actor: Actor, annotationId: string, input: CreateCommentInput): Promise<Result<CommentView>> {
  return db().$transaction(async (tx) => {
    // KEY SHARE keeps the annotation from being deleted under the new comment (edits still go ahead).
    const found = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Annotation" WHERE id = ${annotationId} FOR KEY SHARE`;
    if (found.length === 0) return NO_ANNOTATION;
    const comment = await tx.comment.create({ data: { annotationId, authorId: actor.id, body: input.body }, select: commentViewSelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'comment.create',
      entity: 'Comment',
      entityId: comment.id,
      after: { annotationId, body: comment.body },
    });
    return ok(comment);
  });
}
