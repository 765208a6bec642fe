import { createTestUser, expect, signIn, signInWithForm, test } from './support/fixtures.ts';
import { db } from '../lib/db.ts';
import type { Role } from '../lib/auth/policy.ts';

for (const role of ['RESEARCHER', 'REVIEWER', 'ADMIN'] as Role[]) {
  test(`a ${role.toLowerCase()} signs in through the form and sees the dashboard`, async ({ page }) => {
    const user = await createTestUser(role);
    await signInWithForm(page, user.email.toUpperCase(), user.password);
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(role.toLowerCase());
  });
}

test('a wrong password gets the one generic message and no session', async ({ page, researcher }) => {
  await signInWithForm(page, researcher.email, 'not-the-password');
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('The e-mail address or password is incorrect.');
  await expect(page).toHaveURL(/\/login/);
  // An unknown account gets exactly the same message.
  await signInWithForm(page, 'nobody-at-all@e2e.example', 'not-the-password');
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('The e-mail address or password is incorrect.');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('empty, oversized and odd-Unicode login fields get field errors', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter an e-mail address.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();

  await page.getByLabel('E-mail').fill('ev\u202eil@e2e.example');
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The e-mail address contains characters that are not allowed.')).toBeVisible();

  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { email: `${'x'.repeat(300)}@e2e.example`, password: 'p', csrfToken: 'x', json: 'true' },
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.details.fieldErrors.email[0]).toContain('at most 254');
});

test('repeated failures on one account are refused with 429', async ({ page, researcher }) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    await signInWithForm(page, researcher.email, `wrong-password-${attempt}`);
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('The e-mail address or password is incorrect.');
  }
  await signInWithForm(page, researcher.email, researcher.password);
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('Too many wrong passwords');
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' },
  });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
  // next-auth ignores extra path segments and other content types; the limit must hold there too.
  const sideDoor = await page.request.post('/api/auth/callback/credentials/extra', {
    form: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' },
  });
  expect(sideDoor.status()).toBe(429);
  const asJson = await page.request.post('/api/auth/callback/credentials', {
    data: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' },
  });
  expect(asJson.status()).toBe(415);
});

test('attempts fired all at once get no more guesses than the limit', async ({ page, researcher }) => {
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const statuses = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      page.request
        .post('/api/auth/callback/credentials', { form: { email: researcher.email, password: `burst-guess-${i}`, csrfToken, json: 'true' } })
        .then((r) => r.status()),
    ),
  );
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(7);
});

test('a field sent twice, or an address with wildcards, gets no one signed in', async ({ page, researcher }) => {
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const twice = await page.request.post('/api/auth/callback/credentials', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: `email=decoy%40e2e.example&email=${encodeURIComponent(researcher.email)}&password=guess&csrfToken=${csrfToken}&json=true`,
  });
  expect(twice.status()).toBe(400);
  expect((await twice.json()).error.details.fieldErrors.email).toEqual(['Send this field once.']);

  await signInWithForm(page, `_${researcher.email.slice(1)}`, researcher.password);
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('The e-mail address or password is incorrect.');
});

test('after signing in, a callback URL can only lead back into the site', async ({ page, researcher, baseURL }) => {
  for (const target of ['/%5Cevil.example', '//evil.example', 'https://evil.example/']) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(decodeURIComponent(target))}`);
    await page.getByLabel('E-mail').fill(researcher.email);
    await page.getByLabel('Password').fill(researcher.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: `Welcome, ${researcher.name}` })).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  }
  await page.context().clearCookies();
  await page.goto('/login?callbackUrl=%2Farticles');
  await page.getByLabel('E-mail').fill(researcher.email);
  await page.getByLabel('Password').fill(researcher.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/articles');
});

test('sign out ends the session', async ({ page, researcher }) => {
  await signIn(page, researcher);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/articles');
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get('/api/articles')).status()).toBe(401);
});

test('session cookies are HttpOnly and SameSite=Lax', async ({ page, context, researcher }) => {
  await signIn(page, researcher);
  const session = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe('Lax');
});

test('the session endpoint answers no session for a disabled account’s or an old password’s cookie', async ({ page, context, researcher, reviewer }) => {
  await signIn(page, researcher);
  expect((await (await page.request.get('/api/auth/session')).json()).user.email).toBe(researcher.email);
  await db().user.update({ where: { id: researcher.id }, data: { disabledAt: new Date(), sessionVersion: { increment: 1 } } });
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
  expect((await page.request.get('/api/articles')).status()).toBe(401);

  await context.clearCookies();
  await signIn(page, reviewer);
  const oldCookies = await context.cookies();
  const changed = await page.request.post('/api/account/password', { data: { currentPassword: reviewer.password, newPassword: 'a-brand-new-password-42' } });
  expect(changed.status()).toBe(204);
  await context.clearCookies();
  await context.addCookies(oldCookies);
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
});
