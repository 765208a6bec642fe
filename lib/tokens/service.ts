import { recordAudit } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, isUniqueViolation } from '@/lib/db.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import type { SessionUser } from '@/lib/users/queries.ts';
import { generateToken, hashToken, isWellFormedToken, tokenPrefix } from './format.ts';
import type { CreateTokenInput } from './schemas.ts';

/** A token as listed: never the secret nor its hash. */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const viewSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** lastUsedAt is written at most this often per token, so a busy script does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const NAME_TAKEN = fail('conflict', 'You already have an active token with this name.', { name: ['You already have an active token with this name.'] });

/** Creates a token; the plaintext is in this answer only, and never stored. */
export async function createToken(actor: Actor, input: CreateTokenInput): Promise<Result<TokenView & { token: string }>> {
  const token = generateToken();
  try {
    return await db().$transaction(async (tx) => {
      const taken = await tx.apiToken.findFirst({ where: { userId: actor.id, name: input.name, revokedAt: null }, select: { id: true } });
      if (taken) return NAME_TAKEN;
      const created = await tx.apiToken.create({
        data: { userId: actor.id, name: input.name, tokenHash: hashToken(token), prefix: tokenPrefix(token) },
        select: viewSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'token.create',
        entity: 'ApiToken',
        entityId: created.id,
        after: { name: created.name, prefix: created.prefix },
      });
      return ok({ token, ...created });
    });
  } catch (error) {
    // Two creations with one name at once: the partial unique index (userId, name) of active tokens decides.
    if (isUniqueViolation(error)) return NAME_TAKEN;
    throw error;
  }
}

/** One's own tokens, active first, newest first. */
export async function listTokens(actor: Actor): Promise<TokenView[]> {
  return db().apiToken.findMany({
    where: { userId: actor.id },
    select: viewSelect,
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'desc' }],
  });
}

/** Revokes one of one's own tokens; someone else's is "not found", like one that does not exist. Revoking twice is harmless. */
export async function revokeToken(actor: Actor, id: string): Promise<Result<TokenView>> {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: actor.id }, select: viewSelect });
    if (!token) return fail('not_found', 'No such token.');
    if (token.revokedAt) return ok(token);
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: viewSelect });
    await recordAudit(tx, { actorId: actor.id, action: 'token.revoke', entity: 'ApiToken', entityId: id, before: { name: token.name, prefix: token.prefix } });
    return ok(revoked);
  });
}

/**
 * The owner of an active token, as the database says now (a disabled owner or a revoked token:
 * null, at once), or null for anything else. Records the use at most once a minute.
 */
export async function userForToken(plaintext: string, now = new Date()): Promise<SessionUser | null> {
  if (!isWellFormedToken(plaintext)) return null;
  // One query for the token and its owner, on every request: Prisma's nested select took two
  // round trips and as much CPU as the annotation create it authorised.
  const [row] = await db().$queryRaw<(Omit<SessionUser, 'disabled'> & { tokenId: string; lastUsedAt: Date | null })[]>`
    SELECT t."id" AS "tokenId", t."lastUsedAt", u."id", u."email", u."name", u."role"::text AS "role"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${hashToken(plaintext)} AND t."revokedAt" IS NULL AND u."disabledAt" IS NULL`;
  if (!row) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    // Conditional, so concurrent requests in the same minute write once between them.
    await db().apiToken.updateMany({ where: { id: row.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: false };
}
