import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found.ts';
import { articleText } from '@/lib/articles/text-cache.ts';
import { lockArticlesForWrite } from '@/lib/articles/write-lock.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { can, type Actor } from '@/lib/auth/policy.ts';
import { db, Prisma, type DbTx } from '@/lib/db.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { newRowId } from '@/lib/row-id.ts';
import { parseInput } from '@/lib/validation.ts';
import { insertAnnotation } from './create-statement.ts';
import { auditSnapshot, type AuditedAnnotation } from './audit-snapshot.ts';
import { anchorSpan } from './offsets.ts';
import { NO_ANNOTATION, type AnnotationView } from './model.ts';
import { annotationViewSelect, toAnnotationView } from './queries.ts';
import { ATTRIBUTE_SCHEMAS, type CreateAnnotationInput, type UpdateAnnotationInput } from './schemas.ts';

/** The audit snapshot as the JSON column takes it. */
const auditJson = (a: AuditedAnnotation) => auditSnapshot(a) as Prisma.InputJsonValue;

const NO_ARTICLE = NO_SUCH_ARTICLE;
/** An archived article is read-only: its annotations are kept as they were. */
export const ARCHIVED = fail('conflict', 'This article is archived; unarchive it to annotate it.');
const UNATTRIBUTED_CLAIMS_ONLY = 'Only a claim can be marked as unattributed.';

/**
 * Locks the article against archiving until the transaction ends (lib/articles/write-lock.ts),
 * and refuses a write to it when it is archived or gone.
 */
export async function lockOpenArticle(tx: DbTx, articleId: string): Promise<Result<null>> {
  const [article] = await lockArticlesForWrite(tx, [articleId]);
  if (!article) return NO_ARTICLE;
  return article.archivedAt ? ARCHIVED : ok(null);
}

export async function createAnnotation(actor: Actor, articleId: string, input: CreateAnnotationInput): Promise<Result<AnnotationView>> {
  // The text never changes, so the span is anchored before the write; archivedAt does, so the write reads it under its lock.
  const text = await articleText(articleId);
  if (text === null) return NO_ARTICLE;
  const anchor = anchorSpan(text, input);
  if (!anchor.ok) return anchor;
  const id = newRowId();
  const attributes = input.attributes ?? {};
  const note = input.note ?? '';
  // What the insert writes, as the audit trail keeps it (the defaults: unattributed, pending, version 1).
  const after = auditJson({ kind: input.kind, ...anchor.value, note, attributes, unattributed: false, status: 'pending', version: 1 });
  // The author comes from the session, never from the body (the schema refuses one).
  const created = await insertAnnotation(
    { id, articleId, authorId: actor.id, kind: input.kind, anchor: anchor.value, note, attributes },
    { actorId: actor.id, action: 'annotation.create', entity: 'Annotation', entityId: id, after },
  );
  if (created === 'not_found') return NO_ARTICLE;
  return created === 'archived' ? ARCHIVED : ok(created);
}

/**
 * Locks annotation rows until the transaction ends, in id order so two lockers never deadlock.
 * Answers the ids that still exist.
 */
export async function lockAnnotations(tx: DbTx, ids: string[]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Annotation" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/**
 * What an edit or a deletion goes by: the article locked against archiving, then the
 * annotation's row, and the annotation as it is now.
 */
async function lockForChange(tx: DbTx, articleId: string, id: string): Promise<Result<AnnotationView>> {
  const open = await lockOpenArticle(tx, articleId);
  if (!open.ok) return open;
  // Deleted since it was read: nothing to change.
  if ((await lockAnnotations(tx, [id])).length === 0) return NO_ANNOTATION;
  return ok(toAnnotationView(await tx.annotation.findUniqueOrThrow({ where: { id }, select: annotationViewSelect })));
}

/**
 * An edit of one's own annotation, against the version the editor saw: a stale version gets a
 * conflict carrying the current annotation. Changing the span, kind or attributes of a judged
 * annotation sends it back to review (pending); a note or the "unattributed" mark alone does not.
 * A claim with a source cannot be marked unattributed, and an annotation with relations keeps its
 * kind (each relation joins two given kinds).
 *
 * Everything the edit depends on is read under the locks (the article's against archiving, then
 * the annotation's row, which decisions and relation changes take too): a decision that landed
 * just before is seen, so the new version goes back to pending rather than keeping a status
 * nobody gave it, and a relation being created at the same moment either is seen here or sees
 * this edit.
 */
export async function updateAnnotation(actor: Actor, id: string, input: UpdateAnnotationInput): Promise<Result<AnnotationView>> {
  // The author, the article and its text never change: checked before the transaction.
  const found = await db().annotation.findUnique({ where: { id }, select: { authorId: true, articleId: true } });
  if (!found) return NO_ANNOTATION;
  if (!can(actor, 'update:annotation:own', { authorId: found.authorId })) return fail('forbidden', 'Only its author can edit an annotation.');
  const text = input.start !== undefined && input.end !== undefined ? await articleText(found.articleId) : null;

  return db().$transaction(async (tx) => {
    const locked = await lockForChange(tx, found.articleId, id);
    if (!locked.ok) return locked;
    const current = locked.value;
    // Checked under the row lock: of two edits racing from the same version, one wins.
    if (input.version !== current.version)
      return { ok: false, error: { code: 'conflict', message: 'Someone changed this annotation since you loaded it.', current } };

    const kind = input.kind ?? current.kind;
    // Attributes belong to a kind: a new kind starts from none unless new ones are sent.
    const rawAttributes = input.attributes ?? (kind === current.kind ? current.attributes : {});
    const attributes = parseInput(ATTRIBUTE_SCHEMAS[kind], rawAttributes);
    if (!attributes.ok)
      return fail(
        'validation',
        attributes.error.message,
        Object.fromEntries(Object.entries(attributes.error.fieldErrors ?? {}).map(([k, v]) => [`attributes.${k}`, v])),
      );
    const span =
      text !== null && input.start !== undefined && input.end !== undefined
        ? anchorSpan(text, { start: input.start, end: input.end, exact: input.exact })
        : null;
    if (span && !span.ok) return span;
    if (input.unattributed && kind !== 'claim') return fail('validation', UNATTRIBUTED_CLAIMS_ONLY, { unattributed: [UNATTRIBUTED_CLAIMS_ONLY] });
    // Only a claim carries the mark: one that becomes an event or a source drops it.
    const unattributed = kind === 'claim' && (input.unattributed ?? current.unattributed);
    const substantive = span !== null || kind !== current.kind || JSON.stringify(attributes.value) !== JSON.stringify(current.attributes);

    if (kind !== current.kind && (await tx.relation.count({ where: { OR: [{ fromId: id }, { toId: id }] } })) > 0) {
      return fail('conflict', `This ${current.kind} is linked to other annotations; remove its relations before changing its kind.`);
    }
    if (input.unattributed && (await tx.relation.count({ where: { fromId: id, type: 'attributed_to' } })) > 0) {
      return fail('conflict', 'This claim is attributed to a source. Remove its source first.');
    }
    const row = await tx.annotation.update({
      where: { id },
      data: {
        kind,
        attributes: attributes.value as Prisma.InputJsonValue,
        unattributed,
        ...(span?.ok ? span.value : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(substantive && current.status !== 'pending' ? { status: 'pending' as const } : {}),
        version: { increment: 1 },
      },
      select: annotationViewSelect,
    });
    const view = toAnnotationView(row);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'annotation.update',
      entity: 'Annotation',
      entityId: id,
      before: auditJson(current),
      after: auditJson(view),
    });
    return ok(view);
  });
}

export async function deleteAnnotation(actor: Actor, id: string): Promise<Result<null>> {
  const found = await db().annotation.findUnique({ where: { id }, select: { authorId: true, articleId: true } });
  if (!found) return NO_ANNOTATION;
  if (!can(actor, 'delete:annotation:own', { authorId: found.authorId })) return fail('forbidden', 'Only its author can delete an annotation.');
  return db().$transaction(async (tx) => {
    const locked = await lockForChange(tx, found.articleId, id);
    if (!locked.ok) return locked;
    const current = locked.value;
    await tx.annotation.delete({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'annotation.delete', entity: 'Annotation', entityId: id, before: auditJson(current) });
    return ok(null);
  });
}
