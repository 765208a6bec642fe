import { fail, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { clientIp } from './client-ip.ts';
import { loginSchema } from './login-schema.ts';
import { loginThrottleState } from './login-throttle.ts';

export interface LoginRefusal {
  result: Result<never>;
  retryAfterSeconds?: number;
}

/**
 * Runs before next-auth's credentials callback: malformed fields get field errors (400) and write
 * nothing; accounts or addresses with too many recent failures get 429 without a password check.
 */
export async function screenLoginAttempt(request: Request): Promise<LoginRefusal | null> {
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return { result: fail('validation', 'Send the e-mail address and password as a form.') };
  }
  const parsed = parseInput(loginSchema, { email: form.get('email') ?? '', password: form.get('password') ?? '' });
  if (!parsed.ok) return { result: parsed };
  const state = await loginThrottleState(parsed.value.email, clientIp(request.headers));
  if (state.limited) {
    return { result: fail('rate_limited', `Too many failed sign-in attempts. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`), retryAfterSeconds: state.retryAfterSeconds };
  }
  return null;
}
