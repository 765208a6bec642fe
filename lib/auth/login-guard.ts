import { AsyncLocalStorage } from 'node:async_hooks';
import { readBodyText } from '@/lib/http/body.ts';
import { isWellFormedCallbackUrl } from '@/lib/http/redirect.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { parseInput } from '@/lib/validation.ts';
import { requestThrottleKey } from './client-ip.ts';
import { loginSchema } from './login-schema.ts';

const MAX_AUTH_BODY_BYTES = 8_192;

export interface LoginRequest {
  email: string;
  ipKey: string;
}

/** The body next-auth will read, parsed as it parses it (the last value of a key wins). */
async function authBody(request: Request): Promise<Result<Record<string, unknown>>> {
  if (request.method !== 'POST' || !request.body) return ok({});
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const isJson = type.includes('application/json');
  if (!isJson && !type.includes('application/x-www-form-urlencoded')) return ok({});
  const text = await readBodyText(request.clone(), MAX_AUTH_BODY_BYTES);
  if (!text.ok) return text;
  if (!isJson) return ok(Object.fromEntries(new URLSearchParams(text.value)));
  try {
    const json: unknown = JSON.parse(text.value);
    return ok(json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {});
  } catch {
    return fail('validation', 'The request body is not valid JSON.');
  }
}

/**
 * Runs before next-auth sees any request: a `callbackUrl` (in the query or the body) that
 * next-auth cannot read as a path or an http(s) URL made it throw (500), after the sign-in
 * attempt had been counted. Refused here with 400, before anything is counted.
 */
export async function screenAuthRequest(request: Request): Promise<Result<null>> {
  const body = await authBody(request);
  if (!body.ok) return body;
  const values: unknown[] = [...new URL(request.url).searchParams.getAll('callbackUrl'), ...('callbackUrl' in body.value ? [body.value.callbackUrl] : [])];
  if (values.some((v) => typeof v !== 'string' || !isWellFormedCallbackUrl(v))) {
    return fail('validation', 'Some fields are not valid.', { callbackUrl: ['Give a path on this site, such as /articles.'] });
  }
  return ok(null);
}

/**
 * The account and client address of a sign-in, read the way next-auth will read the form (a
 * urlencoded form, last value of a key wins), so the account counted is the account next-auth
 * signs in. Malformed input gets field errors (400) and is counted nowhere.
 */
export async function parseLoginRequest(request: Request): Promise<Result<LoginRequest>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return fail('unsupported_media_type', 'Send the e-mail address and password as a urlencoded form.');
  const body = await readBodyText(request.clone(), MAX_AUTH_BODY_BYTES);
  if (!body.ok) return body;
  const form = new URLSearchParams(body.value);
  for (const field of ['email', 'password']) {
    if (form.getAll(field).length > 1) return fail('validation', 'Some fields are not valid.', { [field]: ['Send this field once.'] });
  }
  const parsed = parseInput(loginSchema, { email: form.get('email') ?? '', password: form.get('password') ?? '' });
  if (!parsed.ok) return parsed;
  return ok({ email: parsed.value.email, ipKey: requestThrottleKey(request.headers) });
}

/**
 * Whether a sign-in succeeded is what next-auth's own `authorize` answered (lib/auth/options.ts),
 * not read back from its response: a cookie renamed by an upgrade would otherwise count every
 * right password as wrong. One slot per sign-in request, on globalThis so every bundle that
 * includes this module shares it.
 */
const globalForSignIn = globalThis as unknown as { newsmarkSignIn?: AsyncLocalStorage<{ signedIn: boolean }> };
const signInOutcome = (globalForSignIn.newsmarkSignIn ??= new AsyncLocalStorage());

/** Runs next-auth's sign-in (`run`) and tells whether its `authorize` accepted the credentials. */
export async function signInAttempt(run: () => Promise<Response>): Promise<{ response: Response; signedIn: boolean }> {
  const outcome = { signedIn: false };
  const response = await signInOutcome.run(outcome, run);
  return { response, signedIn: outcome.signedIn };
}

/** Called by `authorize` when it signs a user in; outside signInAttempt it does nothing. */
export function recordSignIn(): void {
  const outcome = signInOutcome.getStore();
  if (outcome) outcome.signedIn = true;
}
