import { db } from '../db.ts';
import type { Actor, Role } from '../auth/policy.ts';

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

/** The user behind a session, as the database says now: a disabled account or a changed role takes effect at once. */
export async function findSessionUser(id: string): Promise<SessionUser | null> {
  const row = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabledAt: true } });
  if (!row || row.disabledAt) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: false };
}

export async function findLoginCandidate(email: string) {
  return db().user.findFirst({
    where: { email: { equals: email, mode: 'insensitive' } },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
}
