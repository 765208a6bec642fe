import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { createToken } from '@/lib/tokens/mutations';
import { POST } from './route.ts';

// lib/auth/session is real: only the request's headers (next/headers) and the cookie's session
// (next-auth, as the session callback answers it for a live user) are faked.
const request = vi.hoisted(() => ({ headers: new Headers(), session: null as { user: Record<string, unknown> } | null }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => request.session }));

let n = 0;
async function makeUser() {
  const email = `pw${++n}-${Date.now()}@int.example`;
  const password = `pw-${n}-the-right-one`;
  const user = await db().user.create({ data: { email, name: `Pw ${n}`, passwordHash: await hashPassword(password) } });
  return { id: user.id, email, name: user.name, role: 'RESEARCHER' as const, disabled: false, password };
}
type User = Awaited<ReturnType<typeof makeUser>>;

function as(user: User | null, bearer?: string) {
  request.session = user ? { user: { id: user.id, sessionVersion: 1, role: user.role, email: user.email, name: user.name } } : null;
  request.headers = new Headers(bearer ? { authorization: `Bearer ${bearer}` } : {});
}

const change = (currentPassword: string, newPassword: string, ip = '192.0.2.1', bearer?: string) =>
  POST(
    new Request('http://app.example/api/account/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'app.example', [CLIENT_IP_HEADER]: ip, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ currentPassword, newPassword }),
    }),
  );

const passwordIs = async (user: User, password: string) =>
  verifyPassword((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, password);

beforeEach(() => as(null));

describe('POST /api/account/password', () => {
  it('refuses an API token (403), even with the right current password, and changes nothing', async () => {
    const user = await makeUser();
    as(user);
    const created = await createToken(user, { name: 'script' });
    if (!created.ok) throw new Error('no token');
    as(null, created.value.token);
    const response = await change(user.password, 'a-new-password-by-token', '192.0.2.1', created.value.token);
    expect(response.status).toBe(403);
    expect(await passwordIs(user, user.password)).toBe(true);
  });

  it('counts wrong current passwords like sign-in: the address that guessed gets 429, another address may still change it', async () => {
    const user = await makeUser();
    as(user);
    for (let i = 0; i < 5; i++) expect((await change(`wrong-guess-${i}`, 'a-new-password-1', '198.51.100.7')).status).toBe(400);
    const refused = await change(user.password, 'a-new-password-1', '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await passwordIs(user, user.password)).toBe(true);

    expect((await change(user.password, 'a-new-password-2', '203.0.113.8')).status).toBe(204);
    expect(await passwordIs(user, 'a-new-password-2')).toBe(true);
  });

  it('forgives the failures of an address once it gives the right password', async () => {
    const user = await makeUser();
    as(user);
    expect((await change('wrong-guess', 'a-new-password-3', '198.51.100.9')).status).toBe(400);
    expect(await db().loginFailure.count({ where: { email: user.email.toLowerCase(), ip: '198.51.100.9' } })).toBe(1);
    expect((await change(user.password, 'a-new-password-3', '198.51.100.9')).status).toBe(204);
    expect(await db().loginFailure.count({ where: { email: user.email.toLowerCase() } })).toBe(0);
  });
});
