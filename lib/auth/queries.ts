import { db, type DbTx } from '@/lib/db.ts';
import type { SessionUser } from './model.ts';
import { hashToken, isWellFormedToken } from './token-format.ts';

// The reads that tell who is calling (a session's user, a login's account, a bearer token's
// owner) live here, not in lib/users or lib/tokens, so authentication does not depend on the
// domains that depend on it.

/**
 * The user behind a session, as the database says now: a disabled account, a changed role or a
 * password change (which bumps sessionVersion) takes effect at once.
 */
export async function findSessionUser(id: string, sessionVersion: number): Promise<SessionUser | null> {
  const row = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true } });
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: false };
}

/**
 * Case-insensitive e-mail lookup by the unique lower(email) index. Not Prisma's
 * `mode: 'insensitive'`, which compiles to ILIKE, where `_` and `%` in an address are wildcards.
 */
export async function findUserIdByEmail(tx: DbTx, email: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE lower(email) = lower(${email})`;
  return rows[0]?.id ?? null;
}

export async function findLoginCandidate(email: string) {
  const id = await findUserIdByEmail(db(), email);
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true, sessionVersion: true } });
}

/** lastUsedAt is written at most this often per token, so a busy script does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

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
