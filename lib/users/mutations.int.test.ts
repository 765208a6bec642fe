import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createUser, changeOwnPassword, updateUser } from './mutations.ts';
import { findSessionUser } from '@/lib/auth/queries.ts';

let n = 0;
async function makeUser(role: Actor['role'] = 'RESEARCHER', disabled = false): Promise<Actor & { email: string }> {
  const email = `user${++n}-${Date.now()}@int.example`;
  const user = await db().user.create({ data: { email, name: `User ${n}`, role, passwordHash: 'x', disabledAt: disabled ? new Date() : null } });
  return { id: user.id, role, disabled, email };
}
const auditCount = () => db().auditEvent.count();

describe('createUser', () => {
  it('creates the user with an argon2id hash and audits it', async () => {
    const admin = await makeUser('ADMIN');
    const result = await createUser(admin, { email: 'fresh@int.example', name: 'Fresh', role: 'REVIEWER', password: 'a-long-password' });
    expect(result.ok).toBe(true);
    const stored = await db().user.findUniqueOrThrow({ where: { email: 'fresh@int.example' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash, 'a-long-password')).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: stored.id } });
    expect(audit).toMatchObject({ actorId: admin.id, action: 'user.create', entity: 'User', after: { email: 'fresh@int.example', role: 'REVIEWER' } });
    expect(JSON.stringify(audit.after)).not.toContain('a-long-password');
  });

  it('does not mistake _ in a new address for a wildcard', async () => {
    const admin = await makeUser('ADMIN');
    await db().user.create({ data: { email: 'axb@int.example', name: 'AxB', passwordHash: 'x' } });
    expect((await createUser(admin, { email: 'a_b@int.example', name: 'A_B', role: 'RESEARCHER', password: 'a-long-password' })).ok).toBe(true);
  });

  it('refuses an e-mail already taken, compared case-insensitively, writing nothing', async () => {
    const admin = await makeUser('ADMIN');
    const existing = await makeUser();
    const [users, audits] = [await db().user.count(), await auditCount()];
    const result = await createUser(admin, { email: existing.email.toUpperCase(), name: 'Dup', role: 'RESEARCHER', password: 'a-long-password' });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'validation', fieldErrors: { email: ['A user with this e-mail address already exists.'] } }),
    });
    expect([await db().user.count(), await auditCount()]).toEqual([users, audits]);
  });

  it('lets the database decide when two admins create the same address at once', async () => {
    const admin = await makeUser('ADMIN');
    const input = { email: 'race@int.example', name: 'Race', role: 'RESEARCHER' as const, password: 'a-long-password' };
    const results = await Promise.all([createUser(admin, input), createUser(admin, input), createUser(admin, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().user.count({ where: { email: 'race@int.example' } })).toBe(1);
  });

  it('has the database refuse a differently-cased duplicate even past the code', async () => {
    await db().user.create({ data: { email: 'case@int.example', name: 'A', passwordHash: 'x' } });
    await expect(db().user.create({ data: { email: 'CASE@int.example', name: 'B', passwordHash: 'x' } })).rejects.toThrow(/Unique constraint/);
  });
});

describe('updateUser', () => {
  it('changes a role, takes effect for the session at once, and audits before and after', async () => {
    const admin = await makeUser('ADMIN');
    const target = await makeUser('RESEARCHER');
    const result = await updateUser(admin, target.id, { action: 'setRole', role: 'REVIEWER' });
    expect(result.ok && result.value.role).toBe('REVIEWER');
    expect((await findSessionUser(target.id, 1))?.role).toBe('REVIEWER');
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: target.id, action: 'user.role' } });
    expect(audit.before).toEqual({ role: 'RESEARCHER', disabled: false });
    expect(audit.after).toEqual({ role: 'REVIEWER', disabled: false });
  });

  it('disables and enables; a disabled user has no session', async () => {
    const admin = await makeUser('ADMIN');
    const target = await makeUser('REVIEWER');
    expect(await findSessionUser(target.id, 1)).not.toBeNull();
    expect((await updateUser(admin, target.id, { action: 'setDisabled', disabled: true })).ok).toBe(true);
    expect(await findSessionUser(target.id, 1)).toBeNull();
    expect((await updateUser(admin, target.id, { action: 'setDisabled', disabled: false })).ok).toBe(true);
    // Enabled again, but sessions from before the disabling stay dead; a new sign-in works.
    expect(await findSessionUser(target.id, 1)).toBeNull();
    expect(await findSessionUser(target.id, 2)).not.toBeNull();
    const actions = (await db().auditEvent.findMany({ where: { entityId: target.id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['user.disable', 'user.enable']);
  });

  it('resets a password and audits it without the password', async () => {
    const admin = await makeUser('ADMIN');
    const target = await makeUser();
    expect((await updateUser(admin, target.id, { action: 'resetPassword', password: 'reset-to-this-one' })).ok).toBe(true);
    const stored = await db().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(stored.passwordHash, 'reset-to-this-one')).toBe(true);
    // Existing sessions of the account end with the reset.
    expect(await findSessionUser(target.id, 1)).toBeNull();
    expect(stored.sessionVersion).toBe(2);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: target.id, action: 'user.reset-password' } });
    expect(JSON.stringify(audit)).not.toContain('reset-to-this-one');
  });

  it('answers not_found for an unknown user', async () => {
    const admin = await makeUser('ADMIN');
    expect(await updateUser(admin, 'nosuchuser', { action: 'setRole', role: 'ADMIN' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the last active admin', () => {
  // Each test file has its own database, but other tests here create admins: work on a clean slate.
  async function onlyAdmin() {
    await db().user.updateMany({ where: { role: 'ADMIN' }, data: { disabledAt: new Date() } });
    return makeUser('ADMIN');
  }

  it('cannot demote or disable themselves, and nothing is written', async () => {
    const admin = await onlyAdmin();
    const audits = await auditCount();
    expect(await updateUser(admin, admin.id, { action: 'setRole', role: 'REVIEWER' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fieldErrors: { role: expect.any(Array) } },
    });
    expect(await updateUser(admin, admin.id, { action: 'setDisabled', disabled: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await db().user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: 'ADMIN', disabledAt: null });
    expect(await auditCount()).toBe(audits);
  });

  it('can step down once another admin is active, but two admins demoting each other at once leave one', async () => {
    const first = await onlyAdmin();
    const second = await makeUser('ADMIN');
    const results = await Promise.all([
      updateUser(first, second.id, { action: 'setRole', role: 'RESEARCHER' }),
      updateUser(second, first.id, { action: 'setRole', role: 'RESEARCHER' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().user.count({ where: { role: 'ADMIN', disabledAt: null } })).toBe(1);
  });
});

describe('changeOwnPassword', () => {
  it('needs the current password', async () => {
    const admin = { ...(await makeUser('ADMIN')), name: 'Admin' };
    await updateUser(admin, admin.id, { action: 'resetPassword', password: 'current-password' });
    expect(await changeOwnPassword(admin, '192.0.2.1', 'not-current', 'next-password-1')).toMatchObject({
      ok: false,
      error: { fieldErrors: { currentPassword: expect.any(Array) } },
    });
    const versionBefore = (await db().user.findUniqueOrThrow({ where: { id: admin.id } })).sessionVersion;
    expect((await changeOwnPassword(admin, '192.0.2.1', 'current-password', 'next-password-1')).ok).toBe(true);
    expect(await findSessionUser(admin.id, versionBefore)).toBeNull();
    const stored = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(await verifyPassword(stored.passwordHash, 'next-password-1')).toBe(true);
  });
});
