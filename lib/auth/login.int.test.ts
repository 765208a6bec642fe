import { describe, expect, it } from 'vitest';
import { db } from '../db.ts';
import { CLIENT_IP_HEADER } from './client-ip.ts';
import { screenLoginAttempt } from './login-guard.ts';
import { LOGIN_LIMITS } from './login-throttle.ts';
import { authOptions } from './options.ts';
import { hashPassword } from './password.ts';

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

const attempt = (email: string, password: string, ip: string) => authorize({ email, password }, { headers: { [CLIENT_IP_HEADER]: ip } });

const loginRequest = (fields: Record<string, string>, ip = '192.0.2.1') =>
  new Request('http://localhost/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', [CLIENT_IP_HEADER]: ip },
    body: new URLSearchParams(fields),
  });

async function makeUser(email: string, password: string, disabled = false) {
  return db().user.create({ data: { email, name: email, passwordHash: await hashPassword(password), disabledAt: disabled ? new Date() : null } });
}

describe('signing in', () => {
  it('accepts the right password, case-insensitively on the e-mail, and clears past failures', async () => {
    const user = await makeUser('Mixed.Case@int.example', 'right-password');
    await attempt('mixed.case@int.example', 'wrong', '192.0.2.10');
    expect(await db().loginFailure.count({ where: { email: 'mixed.case@int.example' } })).toBe(1);
    expect(await attempt('MIXED.case@int.example', 'right-password', '192.0.2.10')).toMatchObject({ id: user.id });
    expect(await db().loginFailure.count({ where: { email: 'mixed.case@int.example' } })).toBe(0);
  });

  it('refuses a disabled account even with the right password', async () => {
    await makeUser('disabled@int.example', 'right-password', true);
    expect(await attempt('disabled@int.example', 'right-password', '192.0.2.11')).toBeNull();
  });

  it('counts failures for unknown accounts too, so probing costs the same', async () => {
    expect(await attempt('ghost@int.example', 'whatever', '192.0.2.12')).toBeNull();
    expect(await db().loginFailure.count({ where: { email: 'ghost@int.example', ip: '192.0.2.12' } })).toBe(1);
  });
});

describe('screening login attempts', () => {
  it('refuses malformed fields with field errors and records nothing', async () => {
    const before = await db().loginFailure.count();
    const refusal = await screenLoginAttempt(loginRequest({ email: 'bad\u0000@int.example', password: '' }));
    expect(refusal?.result).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { email: expect.any(Array), password: expect.any(Array) } } });
    expect(await db().loginFailure.count()).toBe(before);
  });

  it('limits one account after repeated failures, from any address', async () => {
    await makeUser('target@int.example', 'right-password');
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect(await screenLoginAttempt(loginRequest({ email: 'target@int.example', password: 'x' }, `198.51.100.${i}`))).toBeNull();
      await attempt('target@int.example', `wrong-${i}`, `198.51.100.${i}`);
    }
    const refusal = await screenLoginAttempt(loginRequest({ email: 'target@int.example', password: 'right-password' }, '198.51.100.200'));
    expect(refusal?.result).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
  });

  it('limits one address spraying many accounts, but not other addresses', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await attempt(`spray${i}@int.example`, 'x', '203.0.113.7');
    const fromSprayer = await screenLoginAttempt(loginRequest({ email: 'someone-new@int.example', password: 'x' }, '203.0.113.7'));
    expect(fromSprayer?.result).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await screenLoginAttempt(loginRequest({ email: 'someone-new@int.example', password: 'x' }, '203.0.113.8'))).toBeNull();
  });

  it('forgets failures older than the window', async () => {
    const old = new Date(Date.now() - LOGIN_LIMITS.windowMs - 1000);
    await db().loginFailure.createMany({ data: Array.from({ length: LOGIN_LIMITS.perAccount }, () => ({ email: 'old@int.example', ip: '192.0.2.99', createdAt: old })) });
    expect(await screenLoginAttempt(loginRequest({ email: 'old@int.example', password: 'x' }, '192.0.2.99'))).toBeNull();
  });
});
