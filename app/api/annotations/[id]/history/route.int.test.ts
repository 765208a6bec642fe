import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import { createAnnotation } from '@/lib/annotations/mutations';
import type { Actor } from '@/lib/auth/policy';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users and article directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { GET } from './route.ts';

// The session is the one thing faked (see app/api/relations/route.int.test.ts); the policy and the database are real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

let author: Actor;
let annotationId: string;
const get = () => new Request('http://app.example/api/annotations/x/history');
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  const articleId = (await db().article.create({ data: { title: 'Tram', text: 'The tram opens in June.', contentHash: 'history-route' } })).id;
  const row = await db().user.create({ data: { email: 'ana@history-route.example', name: 'Ana', role: 'RESEARCHER', passwordHash: 'x' } });
  author = { id: row.id, role: 'RESEARCHER', disabled: false };
  const created = await createAnnotation(author, articleId, { kind: 'event', start: 4, end: 8 });
  if (!created.ok) throw new Error(created.error.message);
  annotationId = created.value.id;
});

describe('GET /api/annotations/:id/history', () => {
  it('answers 401 without a session', async () => {
    session.user = null;
    expect((await GET(get(), params(annotationId))).status).toBe(401);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    session.user = author;
    expect((await GET(get(), params('nosuchannotation'))).status).toBe(404);
    expect((await GET(get(), params('../etc'))).status).toBe(404);
  });

  it('answers the timeline with ISO times and actor names', async () => {
    session.user = author;
    const response = await GET(get(), params(annotationId));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { type: string; at: string; actor: { name: string } }[] };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ type: 'created', actor: { id: author.id, name: 'Ana' }, kind: 'event', span: { start: 4, end: 8, exact: 'tram' } });
    expect(new Date(body.items[0]!.at).toISOString()).toBe(body.items[0]!.at);
  });
});
