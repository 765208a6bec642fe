import { describe, expect, it } from 'vitest';
import { accountFailuresWorthCounting, decideLoginAttempt, slowdownDelayMs, type LoginPolicy } from './login-policy.ts';

const policy: LoginPolicy = { windowMs: 15 * 60_000, perAccountAndIp: 5, perIp: 20, slowAfterPerAccount: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };
const now = new Date('2026-11-21T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const times = (n: number, msAgo = 60_000) => Array.from({ length: n }, (_, i) => ago(msAgo + i * 1000));

describe('slowdownDelayMs', () => {
  it('waits nothing below the threshold, then doubles from the base up to the cap', () => {
    expect([0, 4].map((n) => slowdownDelayMs(n, policy))).toEqual([0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => slowdownDelayMs(n, policy))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect([10, 11, 50, 10_000].map((n) => slowdownDelayMs(n, policy))).toEqual([30_000, 30_000, 30_000, 30_000]);
  });

  it('never slows down when the threshold is off (0)', () => {
    expect(slowdownDelayMs(100, { ...policy, slowAfterPerAccount: 0 })).toBe(0);
  });
});

describe('decideLoginAttempt', () => {
  it('lets an attempt through, undelayed, with few failures anywhere', () => {
    expect(decideLoginAttempt({ byAccountAndIp: times(4), byIp: times(19), byAccount: 4 }, now, policy)).toEqual({ limited: false, delayMs: 0 });
  });

  it('refuses the address that failed on this account too often, until its oldest counted failure leaves the window', () => {
    const decision = decideLoginAttempt({ byAccountAndIp: times(5, 60_000), byIp: times(5, 60_000), byAccount: 5 }, now, policy);
    // Newest first: the fifth, oldest, failed 64 s ago; it stops counting 15 min after.
    expect(decision).toEqual({ limited: true, retryAfterSeconds: 15 * 60 - 64 });
  });

  it('refuses an address spraying many accounts', () => {
    expect(decideLoginAttempt({ byAccountAndIp: [], byIp: times(20), byAccount: 0 }, now, policy)).toMatchObject({ limited: true });
  });

  it('slows down, but never refuses, an account failing from many addresses', () => {
    expect(decideLoginAttempt({ byAccountAndIp: [], byIp: [], byAccount: 5 }, now, policy)).toEqual({ limited: false, delayMs: 1_000 });
    expect(decideLoginAttempt({ byAccountAndIp: [], byIp: [], byAccount: 1_000 }, now, policy)).toEqual({ limited: false, delayMs: 30_000 });
  });

  it('counts how many account-wide failures matter at most, so the query can stop there', () => {
    const enough = accountFailuresWorthCounting(policy);
    expect(slowdownDelayMs(enough, policy)).toBe(policy.maxDelayMs);
    expect(slowdownDelayMs(enough - 1, policy)).toBeLessThan(policy.maxDelayMs);
  });
});
