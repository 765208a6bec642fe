import os from 'node:os';
import { boundedQueue } from '@/lib/bounded-queue.ts';
import { fail, ok, type ThrottledResult } from '@/lib/result.ts';
import { reserveLoginAttempt, settlePasswordAttempt, type PasswordAttempt } from './login-throttle.ts';

/**
 * Password hashes (argon2id, ~50 ms of a core and 19 MiB each) run on libuv's threads: 50 at once
 * took every core, and their bookkeeping every database connection, so the rest of the app
 * waited. So they run a few at a time, half the cores, with a bounded line behind them (64 checks,
 * a few seconds of waiting at most); past that a check is refused at once (429) rather than
 * queued for ever. The line is long enough that a burst waits rather than being refused: a
 * refused client tries again at once, and answering its retries cost more than its wait.
 * Shared by sign-in and password change, per process.
 */
export const PASSWORD_CHECKS = { concurrency: Math.max(1, Math.floor(os.availableParallelism() / 2)), maxWaiting: 64 };
export const passwordCheckQueue = boundedQueue(PASSWORD_CHECKS);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const busy = (): ThrottledResult<never> => ({
  ...fail('rate_limited', 'The server is busy checking other passwords. Try again in a moment.'),
  retryAfterSeconds: 1,
});

async function checkAndSettle<T>(attempt: PasswordAttempt, check: () => Promise<T>, wasRight: (outcome: T) => boolean): Promise<T> {
  const outcome = await check();
  await settlePasswordAttempt(attempt, wasRight(outcome) ? 'right' : 'wrong');
  return outcome;
}

/**
 * One password check under the login limits (lib/auth/login-policy.ts): counted against the
 * account and the client address before it runs, refused over a hard limit, delayed by the
 * account-wide slowdown, and settled by whether the password was right.
 *
 * The counting runs in the password slot too, so a flood holds no more database connections
 * than slots and is refused (429, nothing counted) before it touches the database. A slowed-down
 * attempt leaves its slot while it waits (holding no lock either), then queues again.
 */
export async function throttledPasswordCheck<T>(
  who: { email: string; ipKey: string },
  check: () => Promise<T>,
  wasRight: (outcome: T) => boolean,
): Promise<ThrottledResult<T>> {
  const first = await passwordCheckQueue.run(async () => {
    const reservation = await reserveLoginAttempt(who.email, who.ipKey);
    if (reservation.limited || reservation.delayMs > 0) return { reservation };
    return { reservation, checked: { outcome: await checkAndSettle(reservation, check, wasRight) } };
  });
  if (!first.admitted) return busy();
  const { reservation, checked } = first.value;
  if (reservation.limited) {
    const minutes = Math.ceil(reservation.retryAfterSeconds / 60);
    return {
      ...fail('rate_limited', `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`),
      retryAfterSeconds: reservation.retryAfterSeconds,
    };
  }
  if (checked) return ok(checked.outcome);
  await sleep(reservation.delayMs);
  const later = await passwordCheckQueue.run(() => checkAndSettle(reservation, check, wasRight));
  if (later.admitted) return ok(later.value);
  await settlePasswordAttempt(reservation, 'unchecked');
  return busy();
}
