import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/policy';
import { authorizeApi } from '@/lib/auth/session';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { DELETE } from './[id]/route.ts';
import { GET, POST } from './route.ts';

// Here lib/auth/session is real, so the Bearer path is tested as the app runs it: only the
// request's headers (next/headers) and the cookie's session (next-auth) are faked.
const request = vi.hoisted(() => ({
  headers: new Headers(),
  session: null as { user: { id: string; sessionVersion: number; role: Actor['role']; email: string; name: string } } | null,
}));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => request.session }));

let n = 0;
async function makeUser(role: Actor['role'] = 'RESEARCHER'): Promise<Actor> {
  const user = await db().user.create({ data: { email: `bearer${++n}-${Date.now()}@int.example`, name: `Bearer ${n}`, role, passwordHash: 'x' } });
  return { id: user.id, role, disabled: false };
}

function signIn(user: Actor | null, bearer?: string) {
  // What the session callback (lib/auth/options.ts) answers for a live user.
  request.session = user ? { user: { id: user.id, sessionVersion: 1, role: user.role, email: `${user.id}@int.example`, name: user.id } } : null;
  request.headers = new Headers(bearer === undefined ? {} : { authorization: bearer });
}

const url = 'http://app.example/api/account/tokens';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', host: 'app.example', ...headers }, body: JSON.stringify(body) });
const del = (id: string) => DELETE(new Request(`${url}/${id}`, { method: 'DELETE' }), { params: Promise.resolve({ id }) });

async function newToken(user: Actor, name = `t${++n}`): Promise<{ id: string; token: string }> {
  signIn(user);
  const response = await POST(post({ name }));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; token: string };
}

beforeEach(() => signIn(null));

describe('authorizeApi with Authorization: Bearer', () => {
  it('authenticates by the token with the owner’s role', async () => {
    const reviewer = await makeUser('REVIEWER');
    const { token } = await newToken(reviewer);
    signIn(null, `Bearer ${token}`);
    expect(await authorizeApi('read:review-queue')).toMatchObject({ ok: true, value: { id: reviewer.id, role: 'REVIEWER' } });
    expect(await authorizeApi('manage:users')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    signIn(null, `bearer   ${token}`);
    expect((await authorizeApi('read:corpus')).ok).toBe(true);
  });

  it('answers 401 for a malformed, unknown or revoked token, never falling back to the cookie', async () => {
    const ana = await makeUser();
    const { id, token } = await newToken(ana);
    for (const header of ['Bearer', 'Bearer ', 'Bearer nope', `Bearer nm_${'x'.repeat(43)}`, `Bearer ${token} extra`]) {
      signIn(ana, header); // a live session cookie too
      expect(await authorizeApi('read:corpus'), header).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect((await del(id)).status).toBe(401); // a bad token with a live cookie: still 401
    signIn(ana);
    expect((await del(id)).status).toBe(204);
    signIn(ana, `Bearer ${token}`);
    expect(await authorizeApi('read:corpus')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('stops a disabled owner’s token at once', async () => {
    const ana = await makeUser();
    const { token } = await newToken(ana);
    await db().user.update({ where: { id: ana.id }, data: { disabledAt: new Date() } });
    signIn(null, `Bearer ${token}`);
    expect(await authorizeApi('read:corpus')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('keeps the cookie path when there is no Bearer header', async () => {
    const ana = await makeUser();
    signIn(ana);
    expect(await authorizeApi('read:corpus')).toMatchObject({ ok: true, value: { id: ana.id } });
    signIn(ana, 'Basic Zm9vOmJhcg==');
    expect((await authorizeApi('read:corpus')).ok).toBe(true);
    signIn(null);
    expect(await authorizeApi('read:corpus')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('/api/account/tokens', () => {
  it('creates (201, the plaintext once), lists without secrets and revokes (204)', async () => {
    const ana = await makeUser();
    signIn(ana);
    const response = await POST(post({ name: '  my script  ' }));
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ token: expect.stringMatching(/^nm_/), name: 'my script', prefix: expect.any(String), lastUsedAt: null, revokedAt: null });

    const listed = await GET();
    const body = (await listed.json()) as { items: Record<string, unknown>[] };
    expect(body.items).toEqual([
      { id: created.id, name: 'my script', prefix: created.prefix, createdAt: created.createdAt, lastUsedAt: null, revokedAt: null },
    ]);
    expect(JSON.stringify(body)).not.toContain(created.token as string);

    expect((await POST(post({ name: 'my script' }))).status).toBe(409);
    expect((await POST(post({ name: '   ' }))).status).toBe(400);
    expect((await POST(post({ name: 'x'.repeat(101) }))).status).toBe(400);
    expect((await del(created.id as string)).status).toBe(204);
    expect((await del('nosuchtoken')).status).toBe(404);
  });

  it('refuses a name with NUL, other control or bidi characters (400) as user names are, and an unknown field', async () => {
    const ana = await makeUser();
    signIn(ana);
    for (const name of ['a\u0000b', 'tab\there', 'evil\u202eexe']) {
      const response = await POST(post({ name }));
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(((await response.json()) as { error: { details: { fieldErrors: Record<string, string[]> } } }).error.details.fieldErrors).toHaveProperty('name');
    }
    expect((await POST(post({ name: 'fine', userId: 'someone-else' }))).status).toBe(400);
    expect(await db().apiToken.count({ where: { userId: ana.id } })).toBe(0);
  });

  it('refuses strangers (401), another user’s token (404) and token management through a token (403)', async () => {
    const [ana, ben] = [await makeUser(), await makeUser()];
    expect((await GET()).status).toBe(401);
    const { id, token } = await newToken(ana);
    signIn(ben);
    expect((await del(id)).status).toBe(404);
    signIn(null, `Bearer ${token}`);
    expect((await GET()).status).toBe(403);
    expect((await POST(post({ name: 'minted by a token' }))).status).toBe(403);
    expect((await del(id)).status).toBe(403);
  });

  it('lets a script’s write without Origin through, but not a cross-site one', async () => {
    const ana = await makeUser();
    signIn(ana);
    expect((await POST(post({ name: 'no origin' }))).status).toBe(201);
    expect((await POST(post({ name: 'evil' }, { origin: 'https://evil.example' }))).status).toBe(403);
  });
});
