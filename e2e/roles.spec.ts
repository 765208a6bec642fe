import { createTestUser, expect, signIn, test } from './support/fixtures.ts';

test('navigation follows the role', async ({ page, researcher, reviewer, admin }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });

  await signIn(page, researcher);
  await page.goto('/');
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Articles', 'Progress']);
  await expect(page.getByText('Awaiting review')).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, reviewer);
  await page.goto('/');
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Articles', 'Review', 'Progress']);
  await expect(page.getByText('Awaiting review')).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto('/');
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Articles', 'Review', 'Progress', 'Import', 'Users']);
  await expect(page.getByText('Active users')).toBeVisible();
});

test('a researcher is refused the user admin page and API', async ({ page, researcher }) => {
  await signIn(page, researcher);
  const pageResponse = await page.goto('/admin/users');
  expect(pageResponse?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();

  expect((await page.request.get('/api/admin/users')).status()).toBe(403);
  const create = await page.request.post('/api/admin/users', {
    data: { email: 'sneaky@e2e.example', name: 'Sneaky', role: 'ADMIN', password: 'long-enough-password' },
  });
  expect(create.status()).toBe(403);
  expect((await create.json()).error.code).toBe('forbidden');
  expect((await page.request.patch(`/api/admin/users/${researcher.id}`, { data: { action: 'setRole', role: 'ADMIN' } })).status()).toBe(403);
});

test('strangers are sent to the login form, which brings them back, and get 401 from the API', async ({ page, researcher }) => {
  for (const path of ['/', '/articles', '/admin/users', '/account']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
  await page.goto('/account');
  await expect(page).toHaveURL('/login?callbackUrl=%2Faccount');
  await page.getByLabel('E-mail').fill(researcher.email);
  await page.getByLabel('Password').fill(researcher.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account');
  await page.context().clearCookies();
  for (const path of ['/api/articles', '/api/admin/users']) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe('unauthenticated');
  }
});

test('a disabled user is refused on the next request, session or not', async ({ browser, page, admin }) => {
  const victim = await createTestUser('RESEARCHER');
  const victimContext = await browser.newContext();
  const victimPage = await victimContext.newPage();
  await signIn(victimPage, victim);
  await victimPage.goto('/articles');
  await expect(victimPage.getByRole('heading', { name: 'Articles' })).toBeVisible();

  await signIn(page, admin);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: `Disable ${victim.email}` }).click();
  await expect(page.getByRole('row', { name: victim.email })).toContainText('Disabled');

  await victimPage.reload();
  await expect(victimPage).toHaveURL(/\/login/);
  expect((await victimPage.request.get('/api/articles')).status()).toBe(401);
  await victimContext.close();
});

test('a role change takes effect on the next request', async ({ browser, page, admin }) => {
  const promoted = await createTestUser('RESEARCHER');
  const context = await browser.newContext();
  const theirPage = await context.newPage();
  await signIn(theirPage, promoted);
  expect((await theirPage.request.get('/api/admin/users')).status()).toBe(403);

  await signIn(page, admin);
  const response = await page.request.patch(`/api/admin/users/${promoted.id}`, { data: { action: 'setRole', role: 'ADMIN' } });
  expect(response.status()).toBe(200);
  expect((await theirPage.request.get('/api/admin/users')).status()).toBe(200);
  await context.close();
});
