import { NO_ANNOTATION, RELATION_PAIRS } from '@/lib/annotations/model.ts';
import { lockAnnotations, lockOpenArticle } from '@/lib/annotations/mutations.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { can, type Actor } from '@/lib/auth/policy.ts';
import { db, type Prisma } from '@/lib/db.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { RELATION_PAIR_MESSAGES, type RelationView } from './model.ts';
import { relationViewSelect } from './queries.ts';
import type { CreateRelationInput } from './schemas.ts';

const auditSnapshot = (r: RelationView) => ({ fromId: r.fromId, toId: r.toId, type: r.type, authorId: r.author.id }) as Prisma.InputJsonValue;

const NO_RELATION = fail('not_found', 'No such relation.');

/**
 * Link two annotations of one article, from -> to, as RELATION_PAIRS allows. The article is
 * locked against archiving (lib/articles/write-lock.ts), then both ends, so a concurrent change
 * of kind, an "unattributed" mark or a duplicate link waits for this one (or this one for it)
 * and is then judged against what was written.
 */
export async function createRelation(actor: Actor, input: CreateRelationInput): Promise<Result<RelationView>> {
  if (input.fromId === input.toId) return fail('validation', 'An annotation cannot be linked to itself.');
  const { type } = input;
  return db().$transaction(async (tx) => {
    // An annotation's article never changes: known before the locks, which go article first.
    const articles = await tx.annotation.findMany({ where: { id: { in: [input.fromId, input.toId] } }, select: { articleId: true } });
    if (articles.length < 2) return NO_ANNOTATION;
    if (articles[0]!.articleId !== articles[1]!.articleId) return fail('validation', 'Both annotations must be on the same article.');
    const open = await lockOpenArticle(tx, articles[0]!.articleId);
    await lockAnnotations(tx, [input.fromId, input.toId]);
    const ends = await tx.annotation.findMany({ where: { id: { in: [input.fromId, input.toId] } }, select: { id: true, kind: true, unattributed: true } });
    const from = ends.find((a) => a.id === input.fromId);
    const to = ends.find((a) => a.id === input.toId);
    if (!from || !to) return NO_ANNOTATION;
    const pair = RELATION_PAIRS[input.type];
    if (from.kind !== pair.from || to.kind !== pair.to) return fail('validation', RELATION_PAIR_MESSAGES[input.type]);
    if (!open.ok) return open;
    if (input.type === 'attributed_to' && from.unattributed) return fail('conflict', 'This claim is marked as unattributed; clear that first.');
    // The ends are locked, so no twin can be written between this look and the insert.
    const twin = await tx.relation.findUnique({ where: { fromId_toId_type: { fromId: from.id, toId: to.id, type } }, select: { id: true } });
    if (twin) return fail('conflict', 'These annotations are already linked this way.');

    // The author comes from the session, never from the body (the schema refuses one).
    const row = await tx.relation.create({ data: { fromId: from.id, toId: to.id, type, authorId: actor.id }, select: relationViewSelect });
    await recordAudit(tx, { actorId: actor.id, action: 'relation.create', entity: 'Relation', entityId: row.id, after: auditSnapshot(row) });
    return ok(row);
  });
}

/** Remove a link; only the researcher who made it may. */
export async function deleteRelation(actor: Actor, id: string): Promise<Result<null>> {
  const existing = await db().relation.findUnique({ where: { id }, select: { ...relationViewSelect, from: { select: { articleId: true } } } });
  if (!existing) return NO_RELATION;
  if (!can(actor, 'delete:relation:own', { authorId: existing.author.id })) return fail('forbidden', 'Only its author can remove a relation.');
  return db().$transaction(async (tx) => {
    const open = await lockOpenArticle(tx, existing.from.articleId);
    if (!open.ok) return open;
    // deleteMany: a concurrent removal (or of an end, which cascades) leaves nothing to delete, not an exception.
    const deleted = await tx.relation.deleteMany({ where: { id } });
    if (deleted.count === 0) return NO_RELATION;
    await recordAudit(tx, { actorId: actor.id, action: 'relation.delete', entity: 'Relation', entityId: id, before: auditSnapshot(existing) });
    return ok(null);
  });
}
