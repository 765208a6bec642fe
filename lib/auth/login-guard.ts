import { readBodyText } from '../http/body.ts';
import { fail, ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { clientIp, ipThrottleKey } from './client-ip.ts';
import { loginSchema } from './login-schema.ts';
import { reserveLoginAttempt } from './login-throttle.ts';

const MAX_LOGIN_BODY_BYTES = 8_192;

export interface LoginAttempt {
  attemptId: bigint;
  email: string;
}

/**
 * Runs before next-auth checks a password. It reads the body the way next-auth will (a
 * urlencoded form, last value of a key wins), so the account checked here is the account
 * next-auth signs in. Malformed input gets field errors (400) and writes nothing. An account
 * or address over its limit gets 429 without a password check. Otherwise the attempt is
 * counted (see reserveLoginAttempt) and returned, to be settled once next-auth has answered.
 */
export async function beginLoginAttempt(request: Request): Promise<Result<LoginAttempt> & { retryAfterSeconds?: number }> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return fail('unsupported_media_type', 'Send the e-mail address and password as a urlencoded form.');
  const body = await readBodyText(request.clone(), MAX_LOGIN_BODY_BYTES);
  if (!body.ok) return body;
  const form = new URLSearchParams(body.value);
  for (const field of ['email', 'password']) {
    if (form.getAll(field).length > 1) return fail('validation', 'Some fields are not valid.', { [field]: ['Send this field once.'] });
  }
  const parsed = parseInput(loginSchema, { email: form.get('email') ?? '', password: form.get('password') ?? '' });
  if (!parsed.ok) return parsed;
  const reservation = await reserveLoginAttempt(parsed.value.email, ipThrottleKey(clientIp(request.headers)));
  if (reservation.limited) {
    return { ...fail('rate_limited', `Too many failed sign-in attempts. Try again in ${Math.ceil(reservation.retryAfterSeconds / 60)} minutes.`), retryAfterSeconds: reservation.retryAfterSeconds };
  }
  return ok({ attemptId: reservation.attemptId, email: reservation.email });
}

/** next-auth answers a successful sign-in by setting a session cookie; a failure sets none. */
export function responseSignsIn(response: Response): boolean {
  return response.headers.getSetCookie().some((cookie) => /^(__Secure-)?next-auth\.session-token=[^;]+/.test(cookie) && !/Max-Age=0/i.test(cookie));
}
