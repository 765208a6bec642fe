import { recordAudit } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { hashPassword, verifyPassword } from '@/lib/auth/password.ts';
import { throttledPasswordCheck } from '@/lib/auth/password-check.ts';
import { db, isUniqueViolation, type DbTx } from '@/lib/db.ts';
import { fail, ok, type Result, type ThrottledResult } from '@/lib/result.ts';
import { removesLastActiveAdmin } from './admin-rule.ts';
import type { SessionUser } from '@/lib/auth/model.ts';
import { findUserIdByEmail } from '@/lib/auth/queries.ts';
import { toUserSummary, userSummarySelect, type UserSummary } from './queries.ts';
import type { CreateUserInput, UpdateUserInput } from './schemas.ts';

const EMAIL_TAKEN = fail('validation', 'Some fields are not valid.', { email: ['A user with this e-mail address already exists.'] });

export async function createUser(actor: Actor, input: CreateUserInput): Promise<Result<UserSummary>> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      if (await findUserIdByEmail(tx, input.email)) return EMAIL_TAKEN;
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash }, select: userSummarySelect });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'user.create',
        entity: 'User',
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role },
      });
      return ok(toUserSummary(user));
    });
  } catch (error) {
    // Two admins creating the same address at once: the unique index on lower(email) decides.
    if (isUniqueViolation(error)) return EMAIL_TAKEN;
    throw error;
  }
}

/** Lock the active admins' rows so two concurrent demotions cannot both pass the last-admin rule. */
async function lockActiveAdminIds(tx: DbTx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

export async function updateUser(actor: Actor, userId: string, change: UpdateUserInput): Promise<Result<UserSummary>> {
  const passwordHash = change.action === 'resetPassword' ? await hashPassword(change.password) : undefined;
  return db().$transaction(async (tx) => {
    const activeAdminIds = await lockActiveAdminIds(tx);
    const target = await tx.user.findUnique({ where: { id: userId }, select: userSummarySelect });
    if (!target) return fail('not_found', 'No such user.');
    const before = toUserSummary(target);

    if (change.action === 'resetPassword') {
      // A reset usually follows a compromise: every existing session of the account ends.
      await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
      await recordAudit(tx, { actorId: actor.id, action: 'user.reset-password', entity: 'User', entityId: userId });
      return ok(before);
    }

    const after = change.action === 'setRole' ? { role: change.role, disabled: before.disabled } : { role: before.role, disabled: change.disabled };
    if (removesLastActiveAdmin(activeAdminIds, before, after)) {
      const field = change.action === 'setRole' ? 'role' : 'disabled';
      return fail('conflict', 'This is the last active admin: make another user admin first.', { [field]: ['The workbench needs at least one active admin.'] });
    }
    const updated = await tx.user.update({
      where: { id: userId },
      // Disabling also ends the sessions for good, so re-enabling does not revive them.
      data:
        change.action === 'setRole'
          ? { role: change.role }
          : change.disabled
            ? { disabledAt: target.disabledAt ?? new Date(), sessionVersion: { increment: 1 } }
            : { disabledAt: null },
      select: userSummarySelect,
    });
    const action = change.action === 'setRole' ? 'user.role' : change.disabled ? 'user.disable' : 'user.enable';
    await recordAudit(tx, {
      actorId: actor.id,
      action,
      entity: 'User',
      entityId: userId,
      before: { role: before.role, disabled: before.disabled },
      after: { role: updated.role, disabled: updated.disabledAt !== null },
    });
    return ok(toUserSummary(updated));
  });
}

/**
 * Changing one's password signs out every session, this one included. The current password is
 * checked under the sign-in limits (counted per account and client address `ipKey`), so a stolen
 * session cannot guess it at leisure.
 */
export async function changeOwnPassword(actor: SessionUser, ipKey: string, currentPassword: string, newPassword: string): Promise<ThrottledResult<null>> {
  const checked = await throttledPasswordCheck(
    { email: actor.email.toLowerCase(), ipKey },
    async () => {
      const user = await db().user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
      return user && (await verifyPassword(user.passwordHash, currentPassword)) ? hashPassword(newPassword) : null;
    },
    (passwordHash) => passwordHash !== null,
  );
  if (!checked.ok) return checked;
  const passwordHash = checked.value;
  if (passwordHash === null) return fail('validation', 'Some fields are not valid.', { currentPassword: ['The current password is incorrect.'] });
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actorId: actor.id, action: 'user.change-password', entity: 'User', entityId: actor.id });
  });
  return ok(null);
}
