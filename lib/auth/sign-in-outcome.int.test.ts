import NextAuth, { type NextAuthOptions } from 'next-auth';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db.ts';
import { signInAttempt } from './login-guard.ts';
import { authOptions } from './options.ts';
import { hashPassword } from './password.ts';

interface Answer {
  status: number;
  setCookies: string[];
}

/**
 * One call of next-auth's real handler, in the form for Pages API routes (a plain request and a
 * response with setHeader), which needs no Next.js request scope around it.
 */
async function callNextAuth(options: NextAuthOptions, path: string[], method: string, body?: object, cookies: Record<string, string> = {}): Promise<Answer> {
  const headers = new Map<string, string | string[]>();
  const answer: Answer = { status: 200, setCookies: [] };
  const res = {
    status: (code: number) => ((answer.status = code), res),
    setHeader: (name: string, value: string | string[]) => (headers.set(name.toLowerCase(), value), res),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => res,
    json: () => res,
    send: () => res,
  };
  const req = { method, query: { nextauth: path }, body, cookies, headers: { host: 'localhost' } };
  await (NextAuth as unknown as (req: object, res: object, options: NextAuthOptions) => Promise<void>)(req, res, options);
  answer.setCookies = [headers.get('set-cookie') ?? []].flat();
  return answer;
}

const cookieValue = (setCookies: string[], name: string) => {
  const cookie = setCookies.find((c) => c.startsWith(`${name}=`));
  return cookie === undefined ? undefined : decodeURIComponent(cookie.slice(name.length + 1).split(';')[0]!);
};

describe('the outcome of a sign-in', () => {
  // As an upgrade of next-auth might: its session cookie under another name.
  const renamed: NextAuthOptions = {
    ...authOptions,
    secret: 'a-secret-for-this-test-only-0123456789',
    cookies: { sessionToken: { name: 'renamed.session', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false } } },
  };

  it('comes from next-auth’s authorize, whatever next-auth names its session cookie', async () => {
    await db().user.create({ data: { email: 'renamed@int.example', name: 'Renamed', passwordHash: await hashPassword('right-password') } });
    const csrf = await callNextAuth(renamed, ['csrf'], 'GET');
    const csrfCookie = cookieValue(csrf.setCookies, 'next-auth.csrf-token')!;
    const signIn = (password: string) =>
      signInAttempt(async () => {
        const answer = await callNextAuth(
          renamed,
          ['callback', 'credentials'],
          'POST',
          { email: 'renamed@int.example', password, csrfToken: csrfCookie.split('|')[0], json: 'true' },
          { 'next-auth.csrf-token': csrfCookie },
        );
        return new Response(null, { status: answer.status, headers: answer.setCookies.map((c): [string, string] => ['set-cookie', c]) });
      });

    const right = await signIn('right-password');
    // next-auth did sign in, under the new name, and the guard knows it.
    expect(cookieValue(right.response.headers.getSetCookie(), 'renamed.session')).toBeTruthy();
    expect(right.signedIn).toBe(true);

    const wrong = await signIn('wrong-password');
    expect(cookieValue(wrong.response.headers.getSetCookie(), 'renamed.session')).toBeUndefined();
    expect(wrong.signedIn).toBe(false);
  });
});
