import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { hashToken, TOKEN_PATTERN } from '@/lib/auth/token-format.ts';
import { LAST_USED_RESOLUTION_MS, userForToken } from '@/lib/auth/queries.ts';
import { createToken, revokeToken } from './mutations.ts';
import { listTokens } from './queries.ts';

let n = 0;
async function makeUser(role: Actor['role'] = 'RESEARCHER'): Promise<Actor> {
  const user = await db().user.create({ data: { email: `tok${++n}-${Date.now()}@int.example`, name: `Token user ${n}`, role, passwordHash: 'x' } });
  return { id: user.id, role, disabled: false };
}

async function created(actor: Actor, name: string) {
  const result = await createToken(actor, { name });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('createToken', () => {
  it('returns the plaintext once and stores only its SHA-256 and a prefix; audited without the secret', async () => {
    const ana = await makeUser();
    const token = await created(ana, 'nightly export');
    expect(token.token).toMatch(TOKEN_PATTERN);
    expect(token).toMatchObject({ name: 'nightly export', prefix: token.token.slice(0, 9), lastUsedAt: null, revokedAt: null });

    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashToken(token.token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.token);

    const listed = await listTokens(ana);
    expect(listed).toEqual([{ id: token.id, name: 'nightly export', prefix: token.prefix, createdAt: token.createdAt, lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(token.token);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: token.id, action: 'token.create' } });
    expect(audit).toMatchObject({ actorId: ana.id, entity: 'ApiToken' });
    expect(JSON.stringify(audit)).not.toContain(token.token.slice(9));
  });

  it('gives every token a different secret', async () => {
    const ana = await makeUser();
    const [a, b] = [await created(ana, 'a'), await created(ana, 'b')];
    expect(a.token).not.toBe(b.token);
  });

  it('keeps names unique among one user’s active tokens (409), reusable once revoked and across users', async () => {
    const [ana, ben] = [await makeUser(), await makeUser()];
    const first = await created(ana, 'script');
    expect(await createToken(ana, { name: 'script' })).toMatchObject({ ok: false, error: { code: 'conflict', fieldErrors: { name: [expect.any(String)] } } });
    expect((await createToken(ben, { name: 'script' })).ok).toBe(true);
    await revokeToken(ana, first.id);
    expect((await createToken(ana, { name: 'script' })).ok).toBe(true);
  });

  it('lets the database decide when one name is created twice at once', async () => {
    const ana = await makeUser();
    const results = await Promise.all([1, 2, 3].map(() => createToken(ana, { name: 'race' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['conflict', 'conflict']);
  });
});

describe('userForToken', () => {
  it('finds the active owner, and nothing for a malformed or unknown token', async () => {
    const ana = await makeUser('REVIEWER');
    const { token } = await created(ana, 'reader');
    expect(await userForToken(token)).toMatchObject({ id: ana.id, role: 'REVIEWER', disabled: false });
    expect(await userForToken('')).toBeNull();
    expect(await userForToken('not-a-token')).toBeNull();
    expect(await userForToken(`nm_${'A'.repeat(43)}`)).toBeNull();
    expect(await userForToken(`${token}x`)).toBeNull();
  });

  it('stops at once when the token is revoked (own only, 404 for another user’s)', async () => {
    const [ana, ben] = [await makeUser(), await makeUser()];
    const { id, token } = await created(ana, 'to revoke');
    expect(await revokeToken(ben, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await revokeToken(ana, 'nosuchtoken')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await userForToken(token)).not.toBeNull();

    const revoked = await revokeToken(ana, id);
    expect(revoked.ok && revoked.value.revokedAt).toBeInstanceOf(Date);
    expect(await userForToken(token)).toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: id, action: 'token.revoke', actorId: ana.id } })).toBe(1);
    // Revoking again changes nothing and audits nothing.
    expect((await revokeToken(ana, id)).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { entityId: id, action: 'token.revoke' } })).toBe(1);
    expect((await listTokens(ana))[0]).toMatchObject({ id, revokedAt: expect.any(Date) });
  });

  it('stops at once when the owner is disabled, and works again when re-enabled', async () => {
    const ana = await makeUser();
    const { token } = await created(ana, 'disabled owner');
    await db().user.update({ where: { id: ana.id }, data: { disabledAt: new Date() } });
    expect(await userForToken(token)).toBeNull();
    await db().user.update({ where: { id: ana.id }, data: { disabledAt: null } });
    expect(await userForToken(token)).not.toBeNull();
  });

  it('follows a role change at once', async () => {
    const ana = await makeUser('RESEARCHER');
    const { token } = await created(ana, 'role');
    await db().user.update({ where: { id: ana.id }, data: { role: 'ADMIN' } });
    expect((await userForToken(token))?.role).toBe('ADMIN');
  });

  it('records the last use at most once a minute', async () => {
    const ana = await makeUser();
    const { id, token } = await created(ana, 'busy script');
    const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    const t0 = new Date('2030-01-01T00:00:00.000Z');
    await userForToken(token, t0);
    expect(await lastUsed()).toEqual(t0);
    await userForToken(token, new Date(t0.getTime() + 30_000));
    await userForToken(token, new Date(t0.getTime() + LAST_USED_RESOLUTION_MS));
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await userForToken(token, t1);
    expect(await lastUsed()).toEqual(t1);
    expect((await listTokens(ana))[0]?.lastUsedAt).toEqual(t1);
  });
});
