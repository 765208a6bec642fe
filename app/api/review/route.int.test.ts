import type { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import { createAnnotation } from '@/lib/annotations/mutations';
import type { Actor, Role } from '@/lib/auth/policy';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users and article directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { POST as review } from '@/app/api/annotations/[id]/review/route.ts';
import { POST as bulk } from './bulk/route.ts';
import { GET as queue } from './queue/route.ts';

// The session is the one thing faked (see app/api/relations/route.int.test.ts); the policy and the database are real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

const TEXT = 'The mayor said the tram line opens in June, a city report shows.';
let author: Actor & { name: string; email: string };
let reviewer: Actor & { name: string; email: string };
let claimId: string;
let sourceId: string;

async function user(role: Role, email: string) {
  const row = await db().user.create({ data: { email, name: `Name of ${email}`, role, passwordHash: 'x' } });
  return { id: row.id, role, disabled: false, name: row.name, email };
}

const post = (body: unknown) =>
  new Request('http://app.example/api/x', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (search: string) => {
  const request = new Request(`http://app.example/api/review/queue${search}`) as NextRequest;
  Object.defineProperty(request, 'nextUrl', { value: new URL(request.url) });
  return request;
};
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  const articleId = (await db().article.create({ data: { title: 'Tram', text: TEXT, contentHash: 'review-routes' } })).id;
  author = await user('RESEARCHER', 'author@review-routes.example');
  reviewer = await user('REVIEWER', 'reviewer@review-routes.example');
  for (const [kind, quote] of [
    ['claim', 'the tram line opens in June'],
    ['source', 'a city report'],
  ] as const) {
    const start = TEXT.indexOf(quote);
    const created = await createAnnotation(author, articleId, { kind, start, end: start + quote.length });
    if (!created.ok) throw new Error(created.error.message);
    if (kind === 'claim') claimId = created.value.id;
    else sourceId = created.value.id;
  }
});

describe('the review API', () => {
  it('answers 401 without a session and 403 to a researcher', async () => {
    session.user = null;
    expect((await review(post({ decision: 'approve', version: 1 }), params(claimId))).status).toBe(401);
    expect((await queue(get(''))).status).toBe(401);
    expect((await bulk(post({ decision: 'approve', items: [{ id: claimId, version: 1 }] }))).status).toBe(401);
    session.user = author;
    const refused = await review(post({ decision: 'approve', version: 1 }), params(claimId));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: 'Your role may not do this.' } });
    expect((await queue(get(''))).status).toBe(403);
    expect((await bulk(post({ decision: 'approve', items: [{ id: claimId, version: 1 }] }))).status).toBe(403);
  });

  it('answers 400 for a rejection without a reason, a bad query or cursor, 404 for an unknown annotation', async () => {
    session.user = reviewer;
    const noReason = await review(post({ decision: 'reject', version: 1 }), params(claimId));
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toEqual({
      error: { code: 'validation', message: 'Some fields are not valid.', details: { fieldErrors: { comment: ['Give a reason for the rejection.'] } } },
    });
    const badCursor = await queue(get('?cursor=garbage!'));
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toEqual({
      error: {
        code: 'validation',
        message: 'Some fields are not valid.',
        details: { fieldErrors: { cursor: ['Not a valid cursor; start again from the first page.'] } },
      },
    });
    expect((await queue(get('?limit=500'))).status).toBe(400);
    expect((await queue(get('?kind=opinion'))).status).toBe(400);
    expect((await review(post({ decision: 'approve', version: 1 }), params('nosuchannotation'))).status).toBe(404);
    expect((await review(post({ decision: 'approve', version: 1 }), params('../x'))).status).toBe(404);
    expect((await bulk(post({ decision: 'reject', items: [{ id: claimId, version: 1 }] }))).status).toBe(400);
    expect(await db().reviewDecision.count()).toBe(0);
  });

  it('lists the queue, decides with 200, refuses a second decision with 409 and the first, bulk-approves with per-item results', async () => {
    session.user = reviewer;
    const listed = await queue(get('?limit=1'));
    expect(listed.status).toBe(200);
    const page = await listed.json();
    expect(page).toEqual({
      items: [
        {
          annotation: expect.objectContaining({ id: claimId, kind: 'claim', status: 'pending', version: 1, author: { id: author.id, name: author.name } }),
          article: { id: expect.any(String), title: 'Tram' },
          context: { before: 'The mayor said ', after: ', a city report shows.' },
          relations: [],
        },
      ],
      nextCursor: expect.any(String),
    });
    expect((await (await queue(get(`?cursor=${page.nextCursor}`))).json()).items.map((i: { annotation: { id: string } }) => i.annotation.id)).toEqual([
      sourceId,
    ]);

    const decided = await review(post({ decision: 'reject', comment: 'Wrong kind', version: 1 }), params(claimId));
    expect(decided.status).toBe(200);
    const body = await decided.json();
    expect(body).toEqual({
      annotation: expect.objectContaining({ id: claimId, status: 'rejected', version: 1 }),
      decision: {
        id: expect.any(String),
        annotationId: claimId,
        decision: 'reject',
        comment: 'Wrong kind',
        annotationVersion: 1,
        reviewer: { id: reviewer.id, name: reviewer.name },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
    const again = await review(post({ decision: 'approve', version: 1 }), params(claimId));
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: {
        code: 'conflict',
        message: `${reviewer.name} already rejected this version.`,
        details: { current: { annotation: expect.objectContaining({ id: claimId }), decision: body.decision } },
      },
    });

    const approved = await bulk(
      post({
        decision: 'approve',
        items: [
          { id: sourceId, version: 1 },
          { id: claimId, version: 1 },
        ],
      }),
    );
    expect(approved.status).toBe(200);
    expect(await approved.json()).toEqual({
      results: [
        { id: sourceId, ok: true, annotation: expect.objectContaining({ status: 'approved' }) },
        {
          id: claimId,
          ok: false,
          code: 'conflict',
          message: `${reviewer.name} already rejected this version.`,
          current: expect.objectContaining({ decision: body.decision }),
        },
      ],
    });
    expect((await (await queue(get(''))).json()).items).toEqual([]);
  });
});
