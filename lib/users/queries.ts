import { db, type DbTx } from '@/lib/db.ts';
import type { Actor, Role } from '@/lib/auth/policy.ts';

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

export const userSummarySelect = { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } as const;

export function toUserSummary(row: { id: string; email: string; name: string; role: Role; disabledAt: Date | null; createdAt: Date }): UserSummary {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabledAt !== null, createdAt: row.createdAt };
}

export async function listUsers(): Promise<UserSummary[]> {
  const rows = await db().user.findMany({ select: userSummarySelect, orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }] });
  return rows.map(toUserSummary);
}

export interface SessionUser extends Actor {
  email: string;
  name: string;
}

/**
 * The user behind a session, as the database says now: a disabled account, a changed role or a
 * password change (which bumps sessionVersion) takes effect at once.
 */
export async function findSessionUser(id: string, sessionVersion: number): Promise<SessionUser | null> {
  const row = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true } });
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: false };
}

/** Lower-cased email -> user id, for the emails that have an account (case-insensitive, as logins are). */
export async function findUsersByEmail(tx: DbTx, emails: readonly string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await tx.$queryRaw<
    { id: string; email: string }[]
  >`SELECT "id", lower("email") AS "email" FROM "User" WHERE lower("email") = ANY(${[...new Set(emails)]}::text[])`;
  return new Map(rows.map((r) => [r.email, r.id]));
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
