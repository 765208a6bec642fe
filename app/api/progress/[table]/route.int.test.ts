import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users and article directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { GET } from './route.ts';

// The session is the one thing faked (as in app/api/review/route.int.test.ts); the policy and the database are real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

const call = (path: string) => {
  const url = new URL(path, 'http://localhost');
  return GET(new NextRequest(url), { params: Promise.resolve({ table: url.pathname.split('/').pop()! }) });
};

beforeAll(async () => {
  const u = await db().user.create({ data: { email: 'r@progress-route.example', name: '=cmd', role: 'RESEARCHER', passwordHash: 'x' } });
  const a = await db().article.create({ data: { title: '+Tram, "line"', text: 'The tram line opens.', contentHash: 'progress-route' } });
  await db().annotation.create({ data: { articleId: a.id, authorId: u.id, kind: 'claim', start: 4, end: 8, exact: 'tram' } });
  session.user = { id: u.id, role: 'RESEARCHER', disabled: false };
});

describe('GET /api/progress/:table', () => {
  it('answers a CSV download for table.csv and ?format=csv, with formulas defused', async () => {
    const response = await call('/api/progress/articles.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="newsmark-progress-articles.csv"');
    const body = await response.text();
    expect(body.split('\r\n')[1]).toMatch(/^[^,]+,"'\+Tram, ""line""",1,1,0,0,1,0,0,0$/);
    const annotators = await call('/api/progress/annotators?format=csv&from=2000-01-01');
    expect(annotators.headers.get('content-disposition')).toBe('attachment; filename="newsmark-progress-annotators-2000-01-01.csv"');
    expect((await annotators.text()).split('\r\n')[1]).toMatch(/,'=cmd,1,1,0,0,,$/);
  });

  it('answers JSON by default, 404 for another table, 400 for a bad range or format, 401 without a session', async () => {
    const json = await call('/api/progress/reviewers');
    expect(await json.json()).toEqual({ items: [] });
    expect((await call('/api/progress/users.csv')).status).toBe(404);
    expect((await call('/api/progress/articles?from=2025-13-01')).status).toBe(400);
    expect((await call('/api/progress/articles?format=xml')).status).toBe(400);
    const user = session.user;
    session.user = null;
    expect((await call('/api/progress/articles.csv')).status).toBe(401);
    session.user = user;
  });
});
