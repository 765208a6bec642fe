import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import { createAnnotation } from '@/lib/annotations/mutations';
import type { Actor, Role } from '@/lib/auth/policy';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users and article directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { GET as getAnnotation, PATCH as patchAnnotation } from '@/app/api/annotations/[id]/route.ts';
import { GET as listComments, POST as postComment } from '@/app/api/annotations/[id]/comments/route.ts';
import { DELETE as deleteRelation } from './[id]/route.ts';
import { POST as postRelation } from './route.ts';

// The session is the one thing faked: route handlers ask lib/auth/session who is signed in, and
// outside a Next.js request there is no cookie to read. The policy and the database are real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

const TEXT = 'The mayor said the tram line opens in June, a city report shows.';
let claimId: string;
let sourceId: string;
let author: Actor & { name: string; email: string };
let other: Actor & { name: string; email: string };

async function user(role: Role, email: string) {
  const row = await db().user.create({ data: { email, name: `Name of ${email}`, role, passwordHash: 'x' } });
  return { id: row.id, role, disabled: false, name: row.name, email };
}

async function annotate(kind: 'claim' | 'source', quote: string, articleId: string) {
  const start = TEXT.indexOf(quote);
  const created = await createAnnotation(author, articleId, { kind, start, end: start + quote.length });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

const json = (method: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://app.example/api/x', { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  const articleId = (await db().article.create({ data: { title: 'Tram', text: TEXT, contentHash: 'tram' } })).id;
  author = await user('RESEARCHER', 'author@routes.example');
  other = await user('REVIEWER', 'other@routes.example');
  claimId = await annotate('claim', 'the tram line opens in June', articleId);
  sourceId = await annotate('source', 'a city report', articleId);
});

describe('POST /api/relations and DELETE /api/relations/:id', () => {
  it('answers 401 without a session', async () => {
    session.user = null;
    const response = await postRelation(json('POST', { fromId: claimId, toId: sourceId, type: 'attributed_to' }));
    expect(response.status).toBe(401);
  });

  it('creates with 201 and the relation, refuses a duplicate with 409, and deletes with 204 for its author only', async () => {
    session.user = author;
    const created = await postRelation(json('POST', { fromId: claimId, toId: sourceId, type: 'attributed_to' }));
    expect(created.status).toBe(201);
    const relation = await created.json();
    expect(relation).toEqual({
      id: expect.any(String),
      fromId: claimId,
      toId: sourceId,
      type: 'attributed_to',
      author: { id: author.id, name: author.name },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const twin = await postRelation(json('POST', { fromId: claimId, toId: sourceId, type: 'attributed_to' }));
    expect(twin.status).toBe(409);
    expect(await twin.json()).toEqual({ error: { code: 'conflict', message: 'These annotations are already linked this way.' } });

    session.user = other;
    expect((await deleteRelation(json('DELETE', ''), params(relation.id))).status).toBe(403);
    session.user = author;
    const deleted = await deleteRelation(json('DELETE', ''), params(relation.id));
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await deleteRelation(json('DELETE', ''), params(relation.id))).status).toBe(404);
    expect((await deleteRelation(json('DELETE', ''), params('not an id!'))).status).toBe(404);
  });

  it('answers 400 for a body with an author, a wrong pair or bad JSON, 415 for another type, 404 for an unknown end', async () => {
    session.user = author;
    const withAuthor = await postRelation(json('POST', { fromId: claimId, toId: sourceId, type: 'attributed_to', authorId: other.id }));
    expect(withAuthor.status).toBe(400);
    const wrongPair = await postRelation(json('POST', { fromId: sourceId, toId: claimId, type: 'attributed_to' }));
    expect(wrongPair.status).toBe(400);
    expect(await wrongPair.json()).toEqual({ error: { code: 'validation', message: 'A claim can only be attributed to a source.' } });
    expect((await postRelation(json('POST', '{"fromId":'))).status).toBe(400);
    expect((await postRelation(json('POST', 'fromId=a', { 'content-type': 'application/x-www-form-urlencoded' }))).status).toBe(415);
    expect((await postRelation(json('POST', { fromId: claimId, toId: 'nosuchannotation', type: 'attributed_to' }))).status).toBe(404);
    expect(await db().relation.count()).toBe(0);
  });
});

describe('GET /api/annotations/:id and its comments', () => {
  it('answers the detail, 404 for unknown or junk ids', async () => {
    session.user = other;
    const response = await getAnnotation(json('GET', undefined, {}), params(claimId));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: claimId, kind: 'claim', unattributed: false, relations: [], decisions: [], commentCount: 0 });
    expect((await getAnnotation(json('GET', undefined, {}), params('nosuchannotation'))).status).toBe(404);
    expect((await getAnnotation(json('GET', undefined, {}), params('../etc'))).status).toBe(404);
  });

  it('posts a comment with 201, lists the thread, and refuses a blank one with 400', async () => {
    session.user = other;
    const posted = await postComment(json('POST', { body: '  Which report?  ' }), params(claimId));
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ annotationId: claimId, body: 'Which report?', author: { id: other.id, name: other.name } });
    const blank = await postComment(json('POST', { body: '   ' }), params(claimId));
    expect(blank.status).toBe(400);
    expect(await blank.json()).toEqual({
      error: { code: 'validation', message: 'Some fields are not valid.', details: { fieldErrors: { body: ['Write something before posting.'] } } },
    });
    expect((await postComment(json('POST', { body: 'Hello' }), params('nosuchannotation'))).status).toBe(404);
    const thread = await listComments(json('GET', undefined, {}), params(claimId));
    expect((await thread.json()).items.map((c: { body: string }) => c.body)).toEqual(['Which report?']);
    expect((await listComments(json('GET', undefined, {}), params('nosuchannotation'))).status).toBe(404);
  });

  it('PATCH marks a claim unattributed, and refuses it with 409 once the claim has a source', async () => {
    session.user = author;
    const marked = await patchAnnotation(json('PATCH', { version: 1, unattributed: true }), params(claimId));
    expect(marked.status).toBe(200);
    expect(await marked.json()).toMatchObject({ unattributed: true, version: 2 });
    const refusedLink = await postRelation(json('POST', { fromId: claimId, toId: sourceId, type: 'attributed_to' }));
    expect(refusedLink.status).toBe(409);
    expect((await refusedLink.json()).error.message).toBe('This claim is marked as unattributed; clear that first.');
    expect((await patchAnnotation(json('PATCH', { version: 2, unattributed: false }), params(claimId))).status).toBe(200);
    expect((await postRelation(json('POST', { fromId: claimId, toId: sourceId, type: 'attributed_to' }))).status).toBe(201);
    const refusedMark = await patchAnnotation(json('PATCH', { version: 3, unattributed: true }), params(claimId));
    expect(refusedMark.status).toBe(409);
    expect(await refusedMark.json()).toEqual({ error: { code: 'conflict', message: 'This claim is attributed to a source. Remove its source first.' } });
  });
});
