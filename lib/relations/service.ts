import { RELATION_PAIRS, type RelationTypeName } from '@/lib/annotations/paint.ts';
import { kindFromDb } from '@/lib/annotations/schemas.ts';
import { lockAnnotations, lockOpenArticle } from '@/lib/annotations/service.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { can, type Actor } from '@/lib/auth/policy.ts';
import { db, type Prisma } from '@/lib/db.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { RELATION_PAIR_MESSAGES, relationTypeFromDb, relationTypeToDb, type CreateRelationInput } from './schemas.ts';
import { NO_ANNOTATION } from '@/lib/annotations/not-found.ts';

/** A relation as the API shows it: `POST /api/relations` answers with one. */
export interface RelationView {
  id: string;
  fromId: string;
  toId: string;
  type: RelationTypeName;
  author: { id: string; name: string };
  createdAt: Date;
}

const relationViewSelect = {
  id: true,
  fromId: true,
  toId: true,
  type: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

const toRelationView = (row: Prisma.RelationGetPayload<{ select: typeof relationViewSelect }>): RelationView => ({
  ...row,
  type: relationTypeFromDb(row.type),
});

const auditSnapshot = (r: RelationView) => ({ fromId: r.fromId, toId: r.toId, type: r.type, authorId: r.author.id }) as Prisma.InputJsonValue;

const NO_RELATION = fail('not_found', 'No such relation.');

/** One relation as the API shows it, or null. */
export async function findRelationView(id: string): Promise<RelationView | null> {
  const row = await db().relation.findUnique({ where: { id }, select: relationViewSelect });
  return row && toRelationView(row);
}

/**
 * Link two annotations of one article, from -> to, as RELATION_PAIRS allows. The article is
 * locked against archiving (lib/articles/write-lock.ts), then both ends, so a concurrent change
 * of kind, an "unattributed" mark or a duplicate link waits for this one (or this one for it)
 * and is then judged against what was written.
 */
export async function createRelation(actor: Actor, input: CreateRelationInput): Promise<Result<RelationView>> {
  if (input.fromId === input.toId) return fail('validation', 'An annotation cannot be linked to itself.');
  const type = relationTypeToDb(input.type);
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
    if (kindFromDb(from.kind) !== pair.from || kindFromDb(to.kind) !== pair.to) return fail('validation', RELATION_PAIR_MESSAGES[input.type]);
    if (!open.ok) return open;
    if (input.type === 'attributed_to' && from.unattributed) return fail('conflict', 'This claim is marked as unattributed; clear that first.');
    // The ends are locked, so no twin can be written between this look and the insert.
    const twin = await tx.relation.findUnique({ where: { fromId_toId_type: { fromId: from.id, toId: to.id, type } }, select: { id: true } });
    if (twin) return fail('conflict', 'These annotations are already linked this way.');

    // The author comes from the session, never from the body (the schema refuses one).
    const row = await tx.relation.create({ data: { fromId: from.id, toId: to.id, type, authorId: actor.id }, select: relationViewSelect });
    const view = toRelationView(row);
    await recordAudit(tx, { actorId: actor.id, action: 'relation.create', entity: 'Relation', entityId: view.id, after: auditSnapshot(view) });
    return ok(view);
  });
}

/** Remove a link; only the researcher who made it may. */
export async function deleteRelation(actor: Actor, id: string): Promise<Result<null>> {
  const existing = await db().relation.findUnique({ where: { id }, select: { ...relationViewSelect, from: { select: { articleId: true } } } });
  if (!existing) return NO_RELATION;
  const current = toRelationView(existing);
  if (!can(actor, 'delete:relation:own', { authorId: current.author.id })) return fail('forbidden', 'Only its author can remove a relation.');
  return db().$transaction(async (tx) => {
    const open = await lockOpenArticle(tx, existing.from.articleId);
    if (!open.ok) return open;
    // deleteMany: a concurrent removal (or of an end, which cascades) leaves nothing to delete, not an exception.
    const deleted = await tx.relation.deleteMany({ where: { id } });
    if (deleted.count === 0) return NO_RELATION;
    await recordAudit(tx, { actorId: actor.id, action: 'relation.delete', entity: 'Relation', entityId: id, before: auditSnapshot(current) });
    return ok(null);
  });
}
