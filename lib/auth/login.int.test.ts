import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db.ts';
import { CLIENT_IP_HEADER } from './client-ip.ts';
import { parseLoginRequest } from './login-guard.ts';
import { LOGIN_LIMITS, reserveLoginAttempt, settlePasswordAttempt } from './login-throttle.ts';
import { authOptions } from './options.ts';
import { PASSWORD_CHECKS, passwordCheckQueue, throttledPasswordCheck } from './password-check.ts';
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

describe('parseLoginRequest', () => {
  it('refuses malformed fields with field errors and records nothing', async () => {
    const before = await db().loginFailure.count();
    const refusal = await parseLoginRequest(loginRequest(form({ email: 'bad\u0000@int.example', password: '' })));
    expect(refusal).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { email: expect.any(Array), password: expect.any(Array) } } });
    expect(await db().loginFailure.count()).toBe(before);
  });

  it('refuses a field sent twice, which next-auth would read differently', async () => {
    const refusal = await parseLoginRequest(loginRequest('email=decoy%40int.example&email=victim%40int.example&password=guess'));
    expect(refusal).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { email: ['Send this field once.'] } } });
  });

  it('refuses other content types and oversized bodies', async () => {
    expect(await parseLoginRequest(loginRequest('{"email":"a@b.example"}', '192.0.2.1', 'application/json'))).toMatchObject({
      ok: false,
      error: { code: 'unsupported_media_type' },
    });
    expect(await parseLoginRequest(loginRequest(form({ email: 'a@int.example', password: 'x'.repeat(10_000) })))).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
  });

  it('reads the account and the address it is counted under', async () => {
    expect(await parseLoginRequest(loginRequest(form({ email: 'Counted@int.example', password: 'whatever' }), '2001:db8:5::9'))).toEqual({
      ok: true,
      value: { email: 'counted@int.example', ipKey: '2001:db8:5:0::/64' },
    });
  });
});

describe('throttledPasswordCheck', () => {
  it('counts the attempt before the password is checked, and forgives it once it was right', async () => {
    const who = { email: 'counted@int.example', ipKey: '192.0.2.5' };
    const counted = await throttledPasswordCheck(
      who,
      async () => db().loginFailure.count({ where: { email: who.email, ip: who.ipKey } }),
      () => false,
    );
    expect(counted).toEqual({ ok: true, value: 1 });
    await throttledPasswordCheck(
      who,
      async () => true,
      (right) => right,
    );
    expect(await db().loginFailure.count({ where: { email: who.email, ip: who.ipKey } })).toBe(0);
  });

  it('refuses an address over its limit on the account without running the check', async () => {
    const who = { email: 'refused@int.example', ipKey: '192.0.2.6' };
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndIp; i++) await reserveLoginAttempt(who.email, who.ipKey);
    let ran = false;
    const refused = await throttledPasswordCheck(
      who,
      async () => (ran = true),
      () => true,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' }, retryAfterSeconds: expect.any(Number) });
    expect(ran).toBe(false);
  });

  it('refuses at once, and counts nothing, when the password slots and their queue are full', async () => {
    const who = { email: 'flood@int.example', ipKey: '192.0.2.7' };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const total = PASSWORD_CHECKS.concurrency + PASSWORD_CHECKS.maxWaiting + 5;
    // Each from its own address, so only the queue (not a login limit) can refuse them.
    const runs = Array.from({ length: total }, (_, i) =>
      throttledPasswordCheck(
        { email: `flood${i}@int.example`, ipKey: `198.18.0.${i}` },
        () => gate,
        () => false,
      ),
    );
    const full = PASSWORD_CHECKS.concurrency + PASSWORD_CHECKS.maxWaiting;
    while (passwordCheckQueue.running + passwordCheckQueue.waiting < full) await new Promise((r) => setTimeout(r, 10));
    const extra = await throttledPasswordCheck(
      who,
      async () => 'ran',
      () => false,
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringContaining('busy') }, retryAfterSeconds: 1 });
    expect(await db().loginFailure.count({ where: { email: who.email, ip: who.ipKey } })).toBe(0);
    release();
    const results = await Promise.all(runs);
    expect(results.filter((r) => r.ok)).toHaveLength(full);
  });
});

describe('the account-wide slowdown', () => {
  it('waits out its delay holding no password slot, then checks the password', async () => {
    for (let i = 0; i < LOGIN_LIMITS.slowAfterPerAccount; i++) await reserveLoginAttempt('slowed@int.example', `198.51.100.${100 + i}`);
    let ran = false;
    const slowed = throttledPasswordCheck(
      { email: 'slowed@int.example', ipKey: '203.0.113.200' },
      async () => (ran = true),
      () => true,
    );
    while ((await db().loginFailure.count({ where: { email: 'slowed@int.example', ip: '203.0.113.200' } })) === 0) await new Promise((r) => setTimeout(r, 10));
    while (passwordCheckQueue.running > 0) await new Promise((r) => setTimeout(r, 5));
    expect(ran).toBe(false);
    expect(await slowed).toEqual({ ok: true, value: true });
    expect(ran).toBe(true);
  });
});

describe('login limits', () => {
  it('refuses one address after repeated failures on an account, and tells when to retry', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndIp; i++) expect((await reserveLoginAttempt('target@int.example', '198.51.100.1')).limited).toBe(false);
    const refused = await reserveLoginAttempt('target@int.example', '198.51.100.1');
    expect(refused.limited).toBe(true);
    if (refused.limited) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    }
  });

  it('never locks the account for another address: it is slowed down instead, more with every failure', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndIp; i++) await reserveLoginAttempt('victim@int.example', '198.51.100.66');
    const other = await reserveLoginAttempt('victim@int.example', '203.0.113.77');
    expect(other).toMatchObject({ limited: false, delayMs: LOGIN_LIMITS.baseDelayMs });
    const next = await reserveLoginAttempt('victim@int.example', '203.0.113.78');
    expect(next).toMatchObject({ limited: false, delayMs: 2 * LOGIN_LIMITS.baseDelayMs });
    for (let i = 0; i < 20; i++) await reserveLoginAttempt('victim@int.example', `203.0.114.${i}`);
    expect(await reserveLoginAttempt('victim@int.example', '203.0.115.1')).toMatchObject({ limited: false, delayMs: LOGIN_LIMITS.maxDelayMs });
  });

  it('does not slow down an account with few failures', async () => {
    await reserveLoginAttempt('calm@int.example', '198.51.100.9');
    expect(await reserveLoginAttempt('calm@int.example', '198.51.100.10')).toMatchObject({ limited: false, delayMs: 0 });
  });

  it('lets no more than the limit through from one address when attempts arrive all at once', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => reserveLoginAttempt('burst@int.example', '203.0.113.1')));
    expect(results.filter((r) => !r.limited)).toHaveLength(LOGIN_LIMITS.perAccountAndIp);
    expect(await db().loginFailure.count({ where: { email: 'burst@int.example' } })).toBe(LOGIN_LIMITS.perAccountAndIp);
  });

  it('limits one address spraying many accounts, but not other addresses', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await reserveLoginAttempt(`spray${i}@int.example`, '2001:db8:7::/64');
    expect((await reserveLoginAttempt('someone-new@int.example', '2001:db8:7::/64')).limited).toBe(true);
    expect((await reserveLoginAttempt('someone-new@int.example', '2001:db8:8::/64')).limited).toBe(false);
  });

  it('forgives, on a right password, this address’s failures on the account but not another address’s', async () => {
    const first = await reserveLoginAttempt('forgiven@int.example', '192.0.2.20');
    const second = await reserveLoginAttempt('forgiven@int.example', '192.0.2.20');
    await reserveLoginAttempt('forgiven@int.example', '192.0.2.21');
    if (first.limited || second.limited) throw new Error('not limited yet');
    await settlePasswordAttempt(first, 'wrong');
    expect(await db().loginFailure.count({ where: { email: 'forgiven@int.example' } })).toBe(3);
    await settlePasswordAttempt(second, 'right');
    expect(await db().loginFailure.findMany({ where: { email: 'forgiven@int.example' }, select: { ip: true } })).toEqual([{ ip: '192.0.2.21' }]);
  });

  it('forgets failures older than the window', async () => {
    const old = new Date(Date.now() - LOGIN_LIMITS.windowMs - 1000);
    await db().loginFailure.createMany({
      data: Array.from({ length: LOGIN_LIMITS.perAccountAndIp }, () => ({ email: 'old@int.example', ip: '192.0.2.99', createdAt: old })),
    });
    expect(await reserveLoginAttempt('old@int.example', '192.0.2.99')).toMatchObject({ limited: false, delayMs: 0 });
  });
});
