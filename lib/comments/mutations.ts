import { NO_ANNOTATION } from '@/lib/annotations/model.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { ok, type Result } from '@/lib/result.ts';
import type { CommentView } from './model.ts';
import { commentViewSelect } from './queries.ts';
import type { CreateCommentInput } from './schemas.ts';

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
