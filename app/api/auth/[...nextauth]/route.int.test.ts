import { createRequire } from 'node:module';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { hashPassword } from '@/lib/auth/password';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';

// next-auth reads the request's cookies and headers through next/headers, which only a running
// Next.js provides: they are fed from the request under test. Everything else is real. next-auth
// require()s next/headers (CommonJS, out of vi.mock's reach), so its exports are replaced in place.
const jar = vi.hoisted(() => {
  process.env.NEXTAUTH_URL = 'http://app.example';
  process.env.NEXTAUTH_SECRET = 'route-int-test-secret-of-some-length';
  return { headers: new Headers(), cookies: new Map<string, string>() };
});
const nextHeaders = createRequire(import.meta.url)('next/headers') as Record<string, unknown>;
nextHeaders.headers = async () => jar.headers;
nextHeaders.cookies = async () => ({ getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })) });

const { GET, POST } = await import('./route.ts');

type Call = { method?: 'GET' | 'POST'; form?: Record<string, string>; ip?: string; query?: string };

async function call(path: string, { method = 'GET', form, ip = '192.0.2.1', query = '' }: Call = {}): Promise<Response> {
  const headers = new Headers({
    host: 'app.example',
    [CLIENT_IP_HEADER]: ip,
    cookie: [...jar.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
  });
  if (form) headers.set('content-type', 'application/x-www-form-urlencoded');
  jar.headers = headers;
  const request = new NextRequest(`http://app.example/api/auth/${path}${query}`, {
    method,
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const context = { params: Promise.resolve({ nextauth: path.split('/') }) };
  const response = await (method === 'GET' ? GET : POST)(request, context);
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, value] = [pair!.slice(0, pair!.indexOf('=')), decodeURIComponent(pair!.slice(pair!.indexOf('=') + 1))];
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === '') jar.cookies.delete(name);
    else jar.cookies.set(name, value);
  }
  return response;
}

async function csrfToken(): Promise<string> {
  return ((await (await call('csrf')).json()) as { csrfToken: string }).csrfToken;
}

async function login(email: string, password: string, extra: Partial<Call> & { callbackUrl?: string } = {}): Promise<Response> {
  const { callbackUrl, ...rest } = extra;
  const form = { email, password, csrfToken: await csrfToken(), json: 'true', ...(callbackUrl === undefined ? {} : { callbackUrl }) };
  return call('callback/credentials', { method: 'POST', form, ...rest });
}

let n = 0;
async function makeUser() {
  const email = `route${++n}-${Date.now()}@int.example`;
  const password = `pw-${n}-right-password`;
  const user = await db().user.create({ data: { email, name: `Route ${n}`, passwordHash: await hashPassword(password) } });
  return { id: user.id, email, password };
}

beforeEach(() => {
  jar.cookies.clear();
});

describe('sign-in limits per account and address', () => {
  it('five wrong passwords from one address lock that address out, not the account: the right one from another address signs in', async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) expect((await login(user.email, `wrong-${i}`, { ip: '198.51.100.1' })).status).toBe(401);
    expect((await login(user.email, user.password, { ip: '198.51.100.1' })).status).toBe(429);
    jar.cookies.clear();
    const elsewhere = await login(user.email, user.password, { ip: '203.0.113.50' });
    expect(elsewhere.status).toBe(200);
    expect([...jar.cookies.keys()]).toContain('next-auth.session-token');
  });
});

describe('a malformed callbackUrl', () => {
  it.each(['%2F%2Fevil.example', 'foo bar', ':'])(
    '%j gets 400 on the credentials callback, in the body or the query, and counts nothing',
    async (callbackUrl) => {
      const user = await makeUser();
      const inBody = await login(user.email, user.password, { callbackUrl });
      expect(inBody.status).toBe(400);
      expect(((await inBody.json()) as { error: { code: string } }).error.code).toBe('validation');
      expect((await login(user.email, user.password, { query: `?callbackUrl=${encodeURIComponent(callbackUrl)}` })).status).toBe(400);
      expect(await db().loginFailure.count({ where: { email: user.email } })).toBe(0);
      expect([...jar.cookies.keys()]).not.toContain('next-auth.session-token');
    },
  );

  it.each(['%2F%2Fevil.example', 'foo bar', ':'])('%j gets 400 on sign-out and on the sign-in page', async (callbackUrl) => {
    const signOut = await call('signout', { method: 'POST', form: { csrfToken: await csrfToken(), callbackUrl, json: 'true' } });
    expect(signOut.status).toBe(400);
    expect((await call('signin', { query: `?callbackUrl=${encodeURIComponent(callbackUrl)}` })).status).toBe(400);
  });

  it('a foreign callbackUrl is not an error: next-auth answers with this site', async () => {
    const user = await makeUser();
    const response = await login(user.email, user.password, { callbackUrl: '/.//evil.example/x' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).toBe('http://app.example/');
  });
});

describe('GET /api/auth/session', () => {
  async function session() {
    return (await (await call('session')).json()) as { user?: { id: string } };
  }

  it('answers the session while the account is live, and no session once it is disabled', async () => {
    const user = await makeUser();
    expect((await login(user.email, user.password)).status).toBe(200);
    expect((await session()).user?.id).toBe(user.id);
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await session()).toEqual({});
  });

  it('answers no session for a cookie from before a password change', async () => {
    const user = await makeUser();
    expect((await login(user.email, user.password)).status).toBe(200);
    const oldCookies = new Map(jar.cookies);
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await session()).toEqual({});
    jar.cookies = oldCookies;
    expect(await session()).toEqual({});
  });
});
