import { env } from '@/lib/env.ts';
import { db, type DbTx } from '@/lib/db.ts';
import { accountFailuresWorthCounting, decideLoginAttempt, type LoginPolicy } from './login-policy.ts';

// Every password check (sign-in, password change) counts as a failure until it is known to be
// right, per account and client address, for windowMs. See lib/auth/login-policy.ts for what the
// counts decide.
export const LOGIN_LIMITS: LoginPolicy = {
  windowMs: 15 * 60_000,
  perAccountAndIp: env().LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
  perIp: env().LOGIN_MAX_FAILURES_PER_IP,
  slowAfterPerAccount: env().LOGIN_MAX_FAILURES_PER_ACCOUNT,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export interface PasswordAttempt {
  attemptId: bigint;
  email: string;
  ipKey: string;
  /** How long to wait before checking the password: the account-wide slowdown. */
  delayMs: number;
}

export type Reservation = { limited: true; retryAfterSeconds: number } | ({ limited: false } & PasswordAttempt);

async function recentFailures(tx: DbTx, where: { email: string; ip: string } | { ip: string }, since: Date, take: number): Promise<Date[]> {
  const rows = await tx.loginFailure.findMany({
    where: { ...where, createdAt: { gt: since } },
    orderBy: { createdAt: 'desc' },
    take,
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

/**
 * Check the limits and, when not reached, count this attempt as a failure before its password is
 * even verified, in one transaction serialised per account and per address. Parallel attempts
 * therefore cannot all pass the check before the first failure is written. The delay it decides
 * is waited out by the caller after the transaction, holding no lock.
 * `settlePasswordAttempt` forgives the attempt when the password was right.
 */
export async function reserveLoginAttempt(email: string, ipKey: string, now = new Date()): Promise<Reservation> {
  return db().$transaction(async (tx) => {
    // Always in this order (account, then address), so two transactions cannot deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:account:${email}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:ip:${ipKey}`}))`;
    const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
    const [byAccountAndIp, byIp, byAccount] = await Promise.all([
      recentFailures(tx, { email, ip: ipKey }, since, LOGIN_LIMITS.perAccountAndIp),
      recentFailures(tx, { ip: ipKey }, since, LOGIN_LIMITS.perIp),
      tx.loginFailure.count({ where: { email, createdAt: { gt: since } }, take: accountFailuresWorthCounting(LOGIN_LIMITS) }),
    ]);
    const decision = decideLoginAttempt({ byAccountAndIp, byIp, byAccount }, now, LOGIN_LIMITS);
    if (decision.limited) return decision;
    const attempt = await tx.loginFailure.create({ data: { email, ip: ipKey, createdAt: now }, select: { id: true } });
    return { limited: false, attemptId: attempt.id, email, ipKey, delayMs: decision.delayMs };
  });
}

/**
 * A right password clears this address's failures on the account (not other addresses': those
 * may be someone else guessing); a wrong one leaves the reserved failure counted. An attempt
 * whose password was never checked (the server was too busy) is forgotten.
 */
export async function settlePasswordAttempt(attempt: PasswordAttempt, outcome: 'right' | 'wrong' | 'unchecked'): Promise<void> {
  if (outcome === 'right') {
    await db().loginFailure.deleteMany({ where: { email: attempt.email, ip: attempt.ipKey } });
  } else if (outcome === 'unchecked') {
    await db().loginFailure.deleteMany({ where: { id: attempt.attemptId } });
  } else if (Math.random() < 0.05) {
    // Keep the table small: failures outside the window no longer count.
    await db().loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - LOGIN_LIMITS.windowMs) } } });
  }
}
