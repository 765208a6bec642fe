import { db, type DbTx } from '../db.ts';

// A failed login counts against the account and against the address for windowMs.
// Per account it stops password guessing on one user; per address it stops spraying many users.
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  perAccount: Number(process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5),
  perIp: Number(process.env.LOGIN_MAX_FAILURES_PER_IP ?? 20),
};

export type Reservation = { limited: true; retryAfterSeconds: number } | { limited: false; attemptId: bigint; email: string };

async function recentFailures(tx: DbTx, where: { email: string } | { ip: string }, since: Date, take: number): Promise<Date[]> {
  const rows = await tx.loginFailure.findMany({ where: { ...where, createdAt: { gt: since } }, orderBy: { createdAt: 'desc' }, take, select: { createdAt: true } });
  return rows.map((r) => r.createdAt);
}

/**
 * Check the limits and, when not reached, count this attempt as a failure before its password is
 * even verified, in one transaction serialised per account and per address. Parallel attempts
 * therefore cannot all pass the check before the first failure is written.
 * `settleLoginAttempt` forgives the attempt when the password was right.
 */
export async function reserveLoginAttempt(email: string, ipKey: string, now = new Date()): Promise<Reservation> {
  return db().$transaction(async (tx) => {
    // Always in this order (account, then address), so two transactions cannot deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:account:${email}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:ip:${ipKey}`}))`;
    const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
    const [byAccount, byIp] = await Promise.all([recentFailures(tx, { email }, since, LOGIN_LIMITS.perAccount), recentFailures(tx, { ip: ipKey }, since, LOGIN_LIMITS.perIp)]);
    // When limited, the oldest counted failure leaving the window is what lifts the limit.
    const blocking = [byAccount.length >= LOGIN_LIMITS.perAccount ? byAccount.at(-1) : undefined, byIp.length >= LOGIN_LIMITS.perIp ? byIp.at(-1) : undefined].filter((d) => d !== undefined);
    if (blocking.length) {
      const lifts = Math.max(...blocking.map((d) => d.getTime() + LOGIN_LIMITS.windowMs));
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((lifts - now.getTime()) / 1000)) };
    }
    const attempt = await tx.loginFailure.create({ data: { email, ip: ipKey, createdAt: now }, select: { id: true } });
    return { limited: false, attemptId: attempt.id, email };
  });
}

/** A right password clears the account's failures; a wrong one leaves the reserved failure counted. */
export async function settleLoginAttempt(reservation: { attemptId: bigint; email: string }, signedIn: boolean): Promise<void> {
  if (signedIn) {
    await db().loginFailure.deleteMany({ where: { email: reservation.email } });
  } else if (Math.random() < 0.05) {
    // Keep the table small: failures outside the window no longer count.
    await db().loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - LOGIN_LIMITS.windowMs) } } });
  }
}
