import { describe, expect, it } from 'vitest';
import { db } from '../db.ts';
import { CLIENT_IP_HEADER } from './client-ip.ts';
import { beginLoginAttempt } from './login-guard.ts';
import { LOGIN_LIMITS, reserveLoginAttempt, settleLoginAttempt } from './login-throttle.ts';
import { authOptions } from './options.ts';
import { hashPassword } from './password.ts';

type Authorize = (credentials: Record<string, string>) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

const loginRequest = (body: string, ip = '192.0.2.1', type = 'application/x-www-form-urlencoded') =>
  new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', headers: { 'content-type': type, [CLIENT_IP_HEADER]: ip }, body });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function makeUser(email: string, password: string, disabled = false) {
  return db().user.create({ data: { email, name: email, passwordHash: await hashPassword(password), disabledAt: disabled ? new Date() : null } });
}

describe('authorize', () => {
  it('accepts the right password, case-insensitively on the e-mail', async () => {
    const user = await makeUser('mixed.case@int.example', 'right-password');
    expect(await authorize({ email: 'MIXED.case@int.example', password: 'right-password' })).toMatchObject({ id: user.id });
    expect(await authorize({ email: 'mixed.case@int.example', password: 'wrong-password' })).toBeNull();
  });

  it('treats _ and % in an address as characters, not wildcards', async () => {
    await makeUser('admin@wild.example', 'right-password');
    expect(await authorize({ email: '_dmin@wild.example', password: 'right-password' })).toBeNull();
    expect(await authorize({ email: 'a%@wild.example', password: 'right-password' })).toBeNull();
  });

  it('refuses a disabled account even with the right password', async () => {
    await makeUser('disabled@int.example', 'right-password', true);
    expect(await authorize({ email: 'disabled@int.example', password: 'right-password' })).toBeNull();
  });
});

describe('beginLoginAttempt', () => {
  it('refuses malformed fields with field errors and records nothing', async () => {
    const before = await db().loginFailure.count();
    const refusal = await beginLoginAttempt(loginRequest(form({ email: 'bad\u0000@int.example', password: '' })));
    expect(refusal).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { email: expect.any(Array), password: expect.any(Array) } } });
    expect(await db().loginFailure.count()).toBe(before);
  });

  it('refuses a field sent twice, which next-auth would read differently', async () => {
    const refusal = await beginLoginAttempt(loginRequest('email=decoy%40int.example&email=victim%40int.example&password=guess'));
    expect(refusal).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { email: ['Send this field once.'] } } });
  });

  it('refuses other content types and oversized bodies', async () => {
    expect(await beginLoginAttempt(loginRequest('{"email":"a@b.example"}', '192.0.2.1', 'application/json'))).toMatchObject({ ok: false, error: { code: 'unsupported_media_type' } });
    expect(await beginLoginAttempt(loginRequest(form({ email: 'a@int.example', password: 'x'.repeat(10_000) })))).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  it('counts the attempt before the password is checked', async () => {
    const begun = await beginLoginAttempt(loginRequest(form({ email: 'counted@int.example', password: 'whatever' }), '192.0.2.5'));
    expect(begun.ok).toBe(true);
    expect(await db().loginFailure.count({ where: { email: 'counted@int.example', ip: '192.0.2.5' } })).toBe(1);
  });
});

describe('login limits', () => {
  it('limits one account after repeated failures, from any address, and tells when to retry', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect((await reserveLoginAttempt('target@int.example', `198.51.100.${i}`)).limited).toBe(false);
    const refused = await reserveLoginAttempt('target@int.example', '198.51.100.200');
    expect(refused.limited).toBe(true);
    if (refused.limited) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    }
  });

  it('lets no more than the limit through when attempts arrive all at once', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => reserveLoginAttempt('burst@int.example', `203.0.113.${i}`)));
    expect(results.filter((r) => !r.limited)).toHaveLength(LOGIN_LIMITS.perAccount);
    expect(await db().loginFailure.count({ where: { email: 'burst@int.example' } })).toBe(LOGIN_LIMITS.perAccount);
  });

  it('limits one address spraying many accounts, but not other addresses', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await reserveLoginAttempt(`spray${i}@int.example`, '2001:db8:7::/64');
    expect((await reserveLoginAttempt('someone-new@int.example', '2001:db8:7::/64')).limited).toBe(true);
    expect((await reserveLoginAttempt('someone-new@int.example', '2001:db8:8::/64')).limited).toBe(false);
  });

  it('forgives the attempt of a right password, and everything before it', async () => {
    const first = await reserveLoginAttempt('forgiven@int.example', '192.0.2.20');
    const second = await reserveLoginAttempt('forgiven@int.example', '192.0.2.20');
    if (first.limited || second.limited) throw new Error('not limited yet');
    await settleLoginAttempt(first, false);
    expect(await db().loginFailure.count({ where: { email: 'forgiven@int.example' } })).toBe(2);
    await settleLoginAttempt(second, true);
    expect(await db().loginFailure.count({ where: { email: 'forgiven@int.example' } })).toBe(0);
  });

  it('forgets failures older than the window', async () => {
    const old = new Date(Date.now() - LOGIN_LIMITS.windowMs - 1000);
    await db().loginFailure.createMany({ data: Array.from({ length: LOGIN_LIMITS.perAccount }, () => ({ email: 'old@int.example', ip: '192.0.2.99', createdAt: old })) });
    expect((await reserveLoginAttempt('old@int.example', '192.0.2.99')).limited).toBe(false);
  });
});
