import { createTestUser, expect, signIn, signInWithForm, test } from './support/fixtures.ts';
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

  const response = await page.request.post('/api/auth/callback/credentials', { form: { email: `${'x'.repeat(300)}@e2e.example`, password: 'p', csrfToken: 'x', json: 'true' } });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.details.fieldErrors.email[0]).toContain('at most 254');
});

test('repeated failures on one account are refused with 429', async ({ page, researcher }) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    await signInWithForm(page, researcher.email, `wrong-password-${attempt}`);
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('The e-mail address or password is incorrect.');
  }
  await signInWithForm(page, researcher.email, researcher.password);
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('Too many failed sign-in attempts');
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const response = await page.request.post('/api/auth/callback/credentials', { form: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' } });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
  // next-auth ignores extra path segments and other content types; the limit must hold there too.
  const sideDoor = await page.request.post('/api/auth/callback/credentials/extra', { form: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' } });
  expect(sideDoor.status()).toBe(429);
  const asJson = await page.request.post('/api/auth/callback/credentials', { data: { email: researcher.email, password: researcher.password, csrfToken, json: 'true' } });
  expect(asJson.status()).toBe(400);
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
