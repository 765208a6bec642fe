import type { Actor, Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';

/** A user row for an integration test, and the actor who acts as it; the name is the email unless given. */
export async function createActor(role: Role, email: string, name = email): Promise<Actor> {
  const row = await db().user.create({ data: { email, name, role, passwordHash: 'x' } });
  return { id: row.id, role, disabled: false };
}
