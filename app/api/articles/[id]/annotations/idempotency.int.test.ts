import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import type { Role } from '@/lib/auth/policy';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users and article directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { POST as postToken } from '@/app/api/account/tokens/route.ts';
import { POST as postUser } from '@/app/api/admin/users/route.ts';
import { DELETE as deleteAnnotation } from '@/app/api/annotations/[id]/route.ts';
import { GET as listAnnotations, POST as postAnnotation } from './route.ts';

// The session is the one thing faked (see scripts/test/fake-session.ts); keys, claims and replays are real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

const TEXT = 'The council approved the budget on Monday, the mayor said in a statement.';
let articleId: string;
let alice: { id: string; role: Role; disabled: boolean };
let bob: { id: string; role: Role; disabled: boolean };

async function user(email: string) {
  const row = await db().user.create({ data: { email, name: email, role: 'RESEARCHER', passwordHash: 'x' } });
  return { id: row.id, role: row.role as Role, disabled: false };
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const claim = (start = 4, end = 11) => ({ kind: 'claim', start, end });
function post(key: string | null, body: unknown = claim(), method = 'POST') {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }) };
  return new Request(`http://app.example/api/articles/${articleId}/annotations`, {
    method,
    headers,
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
}
const create = (key: string | null, body?: unknown) => postAnnotation(post(key, body), params(articleId));
const count = () => db().annotation.count({ where: { articleId } });
let keys = 0;
const newKey = () => `key-${Date.now()}-${++keys}`;

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Budget', text: TEXT, contentHash: 'budget' } })).id;
  alice = await user('alice@idempotency.example');
  bob = await user('bob@idempotency.example');
});

describe('Idempotency-Key on writes', () => {
  it('answers a retried create with the first annotation and writes one row', async () => {
    session.user = alice;
    const before = await count();
    const key = newKey();
    const first = await create(key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.json();
    const again = await create(key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect(await count()).toBe(before + 1);
  });

  it('creates exactly one annotation for 20 concurrent requests with one key, and all answer its id', async () => {
    session.user = alice;
    for (let trial = 0; trial < 5; trial++) {
      const before = await count();
      const key = newKey();
      const responses = await Promise.all(Array.from({ length: 20 }, () => create(key)));
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).id)));
      expect(ids.size).toBe(1);
      expect(await count()).toBe(before + 1);
    }
  });

  it('rebuilds the answer of a committed create whose answer was never stored (the acknowledgement was lost)', async () => {
    session.user = alice;
    const key = newKey();
    const first = await create(key);
    const created = await first.json();
    // As if the database restarted between the commit and the answer: the client got a 5xx, nothing was stored.
    await db().idempotentResponse.deleteMany({ where: { userId: alice.id, key } });
    const before = await count();
    const retry = await create(key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(created);
    expect(await count()).toBe(before);
  });

  it('answers 409 naming the object for a retried write other than a create whose answer was lost', async () => {
    session.user = alice;
    const annotation = await (await create(null, claim(12, 19))).json();
    const key = newKey();
    const remove = () =>
      deleteAnnotation(
        new Request(`http://app.example/api/annotations/${annotation.id}`, { method: 'DELETE', headers: { 'idempotency-key': key } }),
        params(annotation.id),
      );
    expect((await remove()).status).toBe(204);
    const replay = await remove();
    expect(replay.status).toBe(204);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await db().idempotentResponse.deleteMany({ where: { userId: alice.id, key } });
    const lost = await remove();
    expect(lost.status).toBe(409);
    expect(await lost.json()).toEqual({ error: { code: 'conflict', message: expect.any(String), details: { entity: 'Annotation', entityId: annotation.id } } });
  });

  it('answers concurrent twins that the write itself refuses (one e-mail address taken by the twin) from the write of the twin, never with the refusal', async () => {
    session.user = {
      id: (await db().user.create({ data: { email: 'admin@idempotency.example', name: 'Admin', role: 'ADMIN', passwordHash: 'x' } })).id,
      role: 'ADMIN',
      disabled: false,
    };
    for (let trial = 0; trial < 5; trial++) {
      const key = newKey();
      const email = `new-${key}@idempotency.example`;
      const add = () =>
        postUser(
          new Request('http://app.example/api/admin/users', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({ email, name: 'New', role: 'RESEARCHER', password: 'a long enough password' }),
          }),
        );
      const responses = await Promise.all(Array.from({ length: 10 }, add));
      const bodies = await Promise.all(responses.map((r) => r.json()));
      const id = (await db().user.findFirstOrThrow({ where: { email } })).id;
      for (const [i, response] of responses.entries()) {
        if (response.status === 201) expect(bodies[i].id).toBe(id);
        else
          expect({ status: response.status, body: bodies[i] }).toEqual({
            status: 409,
            body: { error: { code: 'conflict', message: expect.any(String), details: { entity: 'User', entityId: id } } },
          });
      }
      expect(responses.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'))).toHaveLength(1);
      expect(await db().user.count({ where: { email } })).toBe(1);
    }
  });

  it('never keeps an answer that holds a secret: a retried token creation is a 409 naming the token', async () => {
    session.user = alice;
    const key = newKey();
    const mint = () =>
      postToken(
        new Request('http://app.example/api/account/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ name: `script ${key}` }),
        }),
      );
    const first = await mint();
    expect(first.status).toBe(201);
    const { id } = await first.json();
    expect(await db().idempotentResponse.count({ where: { userId: alice.id, key } })).toBe(0);
    const retry = await mint();
    expect(retry.status).toBe(409);
    expect(await retry.json()).toEqual({ error: { code: 'conflict', message: expect.any(String), details: { entity: 'ApiToken', entityId: id } } });
    expect(await db().apiToken.count({ where: { userId: alice.id } })).toBe(1);
  });

  it('answers 422 for the same key with another body, and changes nothing', async () => {
    session.user = alice;
    const key = newKey();
    expect((await create(key)).status).toBe(201);
    const before = await count();
    const other = await create(key, claim(20, 26));
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency_mismatch');
    // The same once only the audit row remembers the key.
    await db().idempotentResponse.deleteMany({ where: { userId: alice.id, key } });
    expect((await create(key, claim(20, 26))).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('answers 400 for a malformed key, and changes nothing', async () => {
    session.user = alice;
    const before = await count();
    for (const bad of ['', 'has space', 'x'.repeat(256), 'caf\u00e9', 'tab\there']) {
      const response = await create(bad);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: 'validation', message: expect.any(String), details: { fieldErrors: { 'Idempotency-Key': [expect.any(String)] } } },
      });
    }
    expect((await create('x'.repeat(255))).status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('keeps the keys of different users apart', async () => {
    const key = newKey();
    const before = await count();
    session.user = alice;
    const mine = await (await create(key)).json();
    session.user = bob;
    const theirs = await create(key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect((await theirs.json()).id).not.toBe(mine.id);
    expect(await count()).toBe(before + 2);
  });

  it('forgets a key after 24 hours', async () => {
    session.user = alice;
    const key = newKey();
    const first = await (await create(key)).json();
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await db().idempotentResponse.updateMany({ where: { userId: alice.id, key }, data: { createdAt: dayAgo } });
    await db().auditEvent.updateMany({ where: { actorId: alice.id, idempotencyKey: key }, data: { createdAt: dayAgo } });
    const later = await create(key);
    expect(later.status).toBe(201);
    expect((await later.json()).id).not.toBe(first.id);
  });

  it('ignores the header on a GET', async () => {
    session.user = alice;
    const response = await listAnnotations(post('not a valid key', undefined, 'GET'), params(articleId));
    expect(response.status).toBe(200);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
  });
});
