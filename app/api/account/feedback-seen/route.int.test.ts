import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import { POST } from './route.ts';

// The session is the one thing faked (see app/api/relations/route.int.test.ts); the policy is real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

const post = (body: unknown, cookie?: string) =>
  new NextRequest('http://app.example/api/account/feedback-seen', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const setCookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('nm_feedback_seen=')) ?? '';
const valueOf = (setCookie: string) => decodeURIComponent(setCookie.split(';')[0]!.slice('nm_feedback_seen='.length));

describe('POST /api/account/feedback-seen', () => {
  it('answers 401 without a session and sets no cookie', async () => {
    session.user = null;
    const response = await POST(post({}));
    expect(response.status).toBe(401);
    expect(setCookieOf(response)).toBe('');
  });

  it('stores the time the page showed, for this user, in an HttpOnly SameSite=Lax cookie', async () => {
    session.user = { id: 'ana1', role: 'RESEARCHER', disabled: false };
    const seenAt = new Date(Date.now() - 60_000).toISOString();
    const response = await POST(post({ seenAt }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ seenAt });
    const cookie = setCookieOf(response);
    expect(valueOf(cookie)).toBe(`ana1~${seenAt}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(cookie).not.toMatch(/Secure/i); // NEXTAUTH_URL is not https here
  });

  it('defaults to now, never goes back in time nor into the future', async () => {
    session.user = { id: 'ana1', role: 'RESEARCHER', disabled: false };
    const before = Date.now();
    const now = valueOf(setCookieOf(await POST(post({}))));
    expect(new Date(now.split('~')[1]!).getTime()).toBeGreaterThanOrEqual(before - 1);

    const stored = new Date(Date.now() - 1000).toISOString();
    const older = await POST(post({ seenAt: new Date(Date.now() - 3_600_000).toISOString() }, `nm_feedback_seen=${encodeURIComponent(`ana1~${stored}`)}`));
    expect(await older.json()).toEqual({ seenAt: stored });

    const future = await POST(post({ seenAt: '2999-01-01T00:00:00.000Z' }));
    expect(new Date(((await future.json()) as { seenAt: string }).seenAt).getTime()).toBeLessThanOrEqual(Date.now());

    // Another user's cookie in the same browser does not hold this one back.
    const theirs = await POST(post({ seenAt: stored }, `nm_feedback_seen=${encodeURIComponent('ben1~2999-01-01T00:00:00.000Z')}`));
    expect(await theirs.json()).toEqual({ seenAt: stored });
  });

  it('refuses a malformed time and a cross-site request', async () => {
    session.user = { id: 'ana1', role: 'RESEARCHER', disabled: false };
    expect((await POST(post({ seenAt: 'yesterday' }))).status).toBe(400);
    const from = (origin: string) =>
      new NextRequest('http://app.example/api/account/feedback-seen', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'app.example', origin },
        body: '{}',
      });
    expect((await POST(from('https://evil.example'))).status).toBe(403);
    // The same request from the app's own pages goes through: the refusal is about the site, not the Origin header.
    expect((await POST(from('http://app.example'))).status).toBe(200);
  });
});
