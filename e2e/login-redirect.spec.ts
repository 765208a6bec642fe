import type { Page } from '@playwright/test';
import { db } from '../lib/db.ts';
import { expect, test, type TestUser } from './support/fixtures.ts';

// Every way of writing "another site" that the same-origin check once let through: each resolves
// (after dot segments, backslashes and encoding) to a path starting with `//`, which the browser
// takes for another host. Written as a person would paste them, and once more URL-encoded.
const HOSTILE = ['/.//evil.example/x', '/%2e//evil.example/x', '/a/..//evil.example/x', '/./\\evil.example/x', '/%2E%2E//evil.example/x'];

async function submitLogin(page: Page, user: TestUser) {
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signed in and home, on this site: nothing was fetched from evil.example. */
async function expectHomeHere(page: Page, user: TestUser, evilRequests: string[], baseURL: string) {
  await expect(page.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();
  const here = new URL(baseURL);
  expect(new URL(page.url()).origin).toBe(here.origin);
  expect(evilRequests).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  // Were the browser sent there, it would find this page instead of a DNS error.
  await page.route(
    (url) => url.hostname === 'evil.example',
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' }),
  );
});

for (const target of HOSTILE) {
  for (const [how, query] of [
    ['as written', target],
    ['URL-encoded', encodeURIComponent(target)],
  ] as const) {
    test(`signing in with callbackUrl ${target} (${how}) stays on this site`, async ({ page, researcher, baseURL }) => {
      const evil: string[] = [];
      page.on('request', (r) => void (new URL(r.url()).hostname === 'evil.example' && evil.push(r.url())));
      await page.goto(`/login?callbackUrl=${query}`);
      await submitLogin(page, researcher);
      await expectHomeHere(page, researcher, evil, baseURL!);
    });
  }
}

test('an absolute URL of this site whose path starts with // stays on this site', async ({ page, researcher, baseURL }) => {
  const evil: string[] = [];
  page.on('request', (r) => void (new URL(r.url()).hostname === 'evil.example' && evil.push(r.url())));
  await page.goto(`/login?callbackUrl=${encodeURIComponent(`${baseURL}//evil.example/x`)}`);
  await submitLogin(page, researcher);
  await expectHomeHere(page, researcher, evil, baseURL!);
});

test('next-auth’s own sign-in page passes no foreign callbackUrl on to the form', async ({ page, researcher, baseURL }) => {
  const evil: string[] = [];
  page.on('request', (r) => void (new URL(r.url()).hostname === 'evil.example' && evil.push(r.url())));
  await page.goto('/api/auth/signin?callbackUrl=//evil.example/x');
  await expect(page).toHaveURL(/\/login/);
  await submitLogin(page, researcher);
  await expectHomeHere(page, researcher, evil, baseURL!);
});

test('a callbackUrl on this site still leads there after signing in', async ({ page, researcher }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent('/articles?q=flood')}`);
  await submitLogin(page, researcher);
  await expect(page).toHaveURL('/articles?q=flood');
});

for (const callbackUrl of ['%2F%2Fevil.example', 'foo bar', ':']) {
  test(`a malformed callbackUrl ${JSON.stringify(callbackUrl)} on sign-in or sign-out gets 400 and counts nothing`, async ({ page, researcher }) => {
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const inBody = await page.request.post('/api/auth/callback/credentials', {
      form: { email: researcher.email, password: researcher.password, csrfToken, callbackUrl, json: 'true' },
    });
    expect(inBody.status()).toBe(400);
    expect((await inBody.json()).error.code).toBe('validation');
    const inQuery = await page.request.post(`/api/auth/callback/credentials?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
      form: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' },
    });
    expect(inQuery.status()).toBe(400);
    expect(await db().loginFailure.count({ where: { email: researcher.email } })).toBe(0);

    const signOut = await page.request.post('/api/auth/signout', { form: { csrfToken, callbackUrl, json: 'true' } });
    expect(signOut.status()).toBe(400);
    const signIn = await page.request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
    expect(signIn.status()).toBe(400);
  });
}
