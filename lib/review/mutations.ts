import { NO_ANNOTATION, DECISION_STATUS, type AnnotationView } from '@/lib/annotations/model.ts';
import { lockAnnotations, lockOpenArticle } from '@/lib/annotations/mutations.ts';
import { annotationViewSelect, toAnnotationView } from '@/lib/annotations/queries.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { can, type Actor } from '@/lib/auth/policy.ts';
import { db, isUniqueViolation } from '@/lib/db.ts';
import { fail, ok, type DomainError, type Result } from '@/lib/result.ts';
import { DECISION_PAST_TENSE, type BulkResult, type DecisionView, type ReviewConflict } from './model.ts';
import { currentState, decisionViewSelect } from './queries.ts';
import { REJECTION_NEEDS_REASON, type BulkReviewInput, type ReviewInput } from './schemas.ts';

const STALE = 'This annotation changed since you loaded it.';

function conflict(message: string, current: ReviewConflict): { ok: false; error: DomainError } {
  return { ok: false, error: { code: 'conflict', message, current } };
}

/** "Ana Ruiz already approved this version." */
const alreadyDecided = (decision: DecisionView) => `${decision.reviewer.name} already ${DECISION_PAST_TENSE[decision.decision]} this version.`;

/**
 * Approve or reject one version of someone else's annotation. The row is locked, as the
 * author's edits lock it, so of two reviewers deciding at once the second waits, then sees the
 * first's decision and gets a 409 carrying it; a decision on a version the author has since
 * edited gets a 409 too, and an edit landing after the decision sees it and sends the new
 * version back to pending. The status follows the decision and the version stays: the decision
 * is about that version. The article is locked against archiving first (lib/articles/write-lock.ts).
 */
export async function reviewAnnotation(actor: Actor, id: string, input: ReviewInput): Promise<Result<{ annotation: AnnotationView; decision: DecisionView }>> {
  // The author and the article never change: checked before the transaction; all else under the locks.
  const found = await db().annotation.findUnique({ where: { id }, select: { authorId: true, articleId: true } });
  if (!found) return NO_ANNOTATION;
  if (!can(actor, 'review:annotation', { authorId: found.authorId })) {
    return fail('forbidden', found.authorId === actor.id ? 'You cannot review your own annotation.' : 'Your role may not review annotations.');
  }
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) return fail('validation', REJECTION_NEEDS_REASON, { comment: [REJECTION_NEEDS_REASON] });

  try {
    return await db().$transaction(async (tx) => {
      const open = await lockOpenArticle(tx, found.articleId);
      if (!open.ok) return open;
      if ((await lockAnnotations(tx, [id])).length === 0) return NO_ANNOTATION;
      const row = await tx.annotation.findUniqueOrThrow({
        where: { id },
        select: { ...annotationViewSelect, decisions: { select: decisionViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
      });
      const { decisions, ...rest } = row;
      const current = toAnnotationView(rest);
      const latest = decisions[0] ?? null;
      if (current.version !== input.version) return conflict(STALE, { annotation: current, decision: latest });
      if (latest && latest.annotationVersion === current.version) return conflict(alreadyDecided(latest), { annotation: current, decision: latest });

      const decision: DecisionView = await tx.reviewDecision.create({
        data: { annotationId: id, reviewerId: actor.id, decision: input.decision, comment, annotationVersion: current.version },
        select: decisionViewSelect,
      });
      const annotation = toAnnotationView(
        await tx.annotation.update({ where: { id }, data: { status: DECISION_STATUS[input.decision] }, select: annotationViewSelect }),
      );
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'annotation.review',
        entity: 'Annotation',
        entityId: id,
        before: { status: current.status, version: current.version },
        after: { status: annotation.status, version: annotation.version, decisionId: decision.id, decision: decision.decision, comment },
      });
      return ok({ annotation, decision });
    });
  } catch (error) {
    // One decision per version is also the database's rule: a decision written past the lock loses here.
    if (!isUniqueViolation(error)) throw error;
    const current = await currentState(id);
    if (!current) return NO_ANNOTATION;
    return conflict(current.decision && current.decision.annotationVersion === current.annotation.version ? alreadyDecided(current.decision) : STALE, current);
  }
}

/**
 * Approve several annotations, each on its own (its own transaction, its own answer): one that
 * changed or was judged meanwhile is reported and the others are approved.
 */
export async function bulkApprove(actor: Actor, items: BulkReviewInput['items']): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const item of items) {
    const outcome = await reviewAnnotation(actor, item.id, { decision: 'approve', comment: null, version: item.version });
    results.push(
      outcome.ok
        ? { id: item.id, ok: true, annotation: outcome.value.annotation }
        : {
            id: item.id,
            ok: false,
            code: outcome.error.code,
            message: outcome.error.message,
            ...(outcome.error.current !== undefined ? { current: outcome.error.current } : {}),
          },
    );
  }
  return { results };
}
