import os from 'node:os';
import { boundedQueue } from '../bounded-queue.ts';
import { fail, ok, type Result } from '../result.ts';
import { reserveLoginAttempt, settlePasswordAttempt } from './login-throttle.ts';

/**
 * Password hashes (argon2id, ~50 ms of a core and 19 MiB each) run on libuv's threads: 50 at once
 * took every core and made the rest of the app wait. So they run a few at a time, half the cores,
 * with a short line behind them; past that a check is refused at once (429) rather than queued
 * for ever. Shared by sign-in and password change, per process.
 */
export const PASSWORD_CHECKS = { concurrency: Math.max(1, Math.floor(os.availableParallelism() / 2)), maxWaiting: 32 };
export const passwordCheckQueue = boundedQueue(PASSWORD_CHECKS);

export type ThrottledResult<T> = Result<T> & { retryAfterSeconds?: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One password check under the login limits (lib/auth/login-policy.ts): counted against the
 * account and the client address before it runs, refused over a hard limit, delayed by the
 * account-wide slowdown (holding no lock and no slot while waiting), run in a password slot, and
 * settled by whether the password was right.
 */
export async function throttledPasswordCheck<T>(who: { email: string; ipKey: string }, check: () => Promise<T>, wasRight: (outcome: T) => boolean): Promise<ThrottledResult<T>> {
  const reservation = await reserveLoginAttempt(who.email, who.ipKey);
  if (reservation.limited) {
    const minutes = Math.ceil(reservation.retryAfterSeconds / 60);
    return { ...fail('rate_limited', `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`), retryAfterSeconds: reservation.retryAfterSeconds };
  }
  if (reservation.delayMs > 0) await sleep(reservation.delayMs);
  const ran = await passwordCheckQueue.run(check);
  if (!ran.admitted) {
    await settlePasswordAttempt(reservation, 'unchecked');
    return { ...fail('rate_limited', 'The server is busy checking other passwords. Try again in a moment.'), retryAfterSeconds: 1 };
  }
  await settlePasswordAttempt(reservation, wasRight(ran.value) ? 'right' : 'wrong');
  return ok(ran.value);
}
