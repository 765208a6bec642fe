/**
 * What a sign-in attempt may do, given the failures counted before it. Pure, so the policy is
 * tested as a table; lib/auth/login-throttle.ts reads the counts under a lock and applies it.
 *
 * - Per account and client address, a hard limit: that address gets 429 for that account.
 *   Counting per pair (not per account) means no one can lock someone else out.
 * - Per address, a hard limit across accounts: it stops spraying one password over many users.
 * - Per account, from every address, a slowdown instead of a refusal: past the threshold each
 *   attempt waits base × 2^(failures − threshold), at most the cap, before its password is
 *   checked. The right password from anywhere still signs in, only later.
 */
export interface LoginPolicy {
  windowMs: number;
  perAccountAndIp: number;
  perIp: number;
  /** 0 turns the slowdown off. */
  slowAfterPerAccount: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface FailuresSoFar {
  /** Failures of this account from this address, newest first, at most perAccountAndIp of them. */
  byAccountAndIp: Date[];
  /** Failures from this address on any account, newest first, at most perIp of them. */
  byIp: Date[];
  /** Failures of this account from anywhere (counting may stop at accountFailuresWorthCounting). */
  byAccount: number;
}

export type LoginDecision = { limited: true; retryAfterSeconds: number } | { limited: false; delayMs: number };

export function slowdownDelayMs(accountFailures: number, policy: LoginPolicy): number {
  if (policy.slowAfterPerAccount <= 0 || accountFailures < policy.slowAfterPerAccount) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (accountFailures - policy.slowAfterPerAccount), policy.maxDelayMs);
}

/** Past this many account-wide failures the delay is at its cap: counting further changes nothing. */
export function accountFailuresWorthCounting(policy: LoginPolicy): number {
  return policy.slowAfterPerAccount + Math.max(0, Math.ceil(Math.log2(policy.maxDelayMs / policy.baseDelayMs)));
}

export function decideLoginAttempt(failures: FailuresSoFar, now: Date, policy: LoginPolicy): LoginDecision {
  // When limited, the oldest counted failure leaving the window is what lifts the limit.
  const blocking = [
    failures.byAccountAndIp.length >= policy.perAccountAndIp ? failures.byAccountAndIp.at(-1) : undefined,
    failures.byIp.length >= policy.perIp ? failures.byIp.at(-1) : undefined,
  ].filter((d) => d !== undefined);
  if (blocking.length) {
    const lifts = Math.max(...blocking.map((d) => d.getTime() + policy.windowMs));
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((lifts - now.getTime()) / 1000)) };
  }
  return { limited: false, delayMs: slowdownDelayMs(failures.byAccount, policy) };
}
