import { db, type DbTx } from '@/lib/db.ts';
import type { Role } from '@/lib/auth/policy.ts';

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

/** Lower-cased email -> user id, for the emails that have an account (case-insensitive, as logins are). */
export async function findUsersByEmail(tx: DbTx, emails: readonly string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await tx.$queryRaw<
    { id: string; email: string }[]
  >`SELECT "id", lower("email") AS "email" FROM "User" WHERE lower("email") = ANY(${[...new Set(emails)]}::text[])`;
  return new Map(rows.map((r) => [r.email, r.id]));
}
