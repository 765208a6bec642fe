import { db } from '../db.ts';

// A failed login counts against the account and against the address for WINDOW_MS.
// Per account it stops password guessing on one user; per IP it stops spraying many users.
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  perAccount: Number(process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5),
  perIp: Number(process.env.LOGIN_MAX_FAILURES_PER_IP ?? 20),
};

export interface ThrottleState {
  limited: boolean;
  retryAfterSeconds: number;
}

export async function loginThrottleState(email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const [byAccount, byIp] = await Promise.all([
    db().loginFailure.findMany({ where: { email, createdAt: { gt: since } }, orderBy: { createdAt: 'desc' }, take: LOGIN_LIMITS.perAccount, select: { createdAt: true } }),
    db().loginFailure.findMany({ where: { ip, createdAt: { gt: since } }, orderBy: { createdAt: 'desc' }, take: LOGIN_LIMITS.perIp, select: { createdAt: true } }),
  ]);
  // When limited, the oldest counted failure leaving the window is what lifts the limit.
  const oldestBlocking = [
    byAccount.length >= LOGIN_LIMITS.perAccount ? byAccount.at(-1)?.createdAt : undefined,
    byIp.length >= LOGIN_LIMITS.perIp ? byIp.at(-1)?.createdAt : undefined,
  ].filter((d): d is Date => d !== undefined);
  if (oldestBlocking.length === 0) return { limited: false, retryAfterSeconds: 0 };
  const lifts = Math.max(...oldestBlocking.map((d) => d.getTime() + LOGIN_LIMITS.windowMs));
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((lifts - now.getTime()) / 1000)) };
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await db().loginFailure.create({ data: { email, ip } });
  // Keep the table small: anything outside the window no longer counts.
  if (Math.random() < 0.05) {
    await db().loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - LOGIN_LIMITS.windowMs) } } });
  }
}

export async function clearLoginFailures(email: string): Promise<void> {
  await db().loginFailure.deleteMany({ where: { email } });
}
