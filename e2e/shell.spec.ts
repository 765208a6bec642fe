import AxeBuilder from '@axe-core/playwright';
import { createTestArticle, expect, signIn, signInWithForm, test } from './support/fixtures.ts';

test('articles are listed and read paragraph by paragraph, Unicode intact', async ({ page, researcher }) => {
  const article = await createTestArticle('Harbour “flood” report — 佐藤 美咲 🌊', 'First paragraph with “quotes” — and 서울.\n\nSecond paragraph 🌊.');
  await signIn(page, researcher);
  await page.goto('/articles');
  await page.getByRole('link', { name: article.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  const paragraphs = page.locator('article p[data-start]');
  await expect(paragraphs).toHaveCount(3);
  await expect(paragraphs.first()).toHaveText('First paragraph with “quotes” — and 서울.');
  await expect(paragraphs.nth(1)).toHaveText('Second paragraph 🌊.');

  expect((await page.goto('/articles/doesnotexist'))?.status()).toBe(404);
  const api = await page.request.get(`/api/articles/${article.id}`);
  expect((await api.json()).text).toBe(article.text);
});

test('the dashboard shows real counts', async ({ page, researcher }) => {
  await signIn(page, researcher);
  await page.goto('/');
  const before = Number((await page.getByLabel(/^Articles: \d+$/).getAttribute('aria-label'))!.split(': ')[1]);
  // Two, because another test may archive (hide) one article of its own meanwhile.
  await createTestArticle('Counted article', 'Some text to count.');
  await createTestArticle('Counted article', 'More text to count.');
  await page.reload();
  const after = Number((await page.getByLabel(/^Articles: \d+$/).getAttribute('aria-label'))!.split(': ')[1]);
  expect(after).toBeGreaterThanOrEqual(before + 1);
});

test('a user changes their own password on /account, which signs out every session', async ({ page, browser, researcher }) => {
  const otherDevice = await browser.newContext();
  const otherPage = await otherDevice.newPage();
  await signIn(otherPage, researcher);
  await signIn(page, researcher);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('wrong-current-password');
  await form.getByLabel('New password', { exact: true }).fill('my-next-password');
  await form.getByLabel('Repeat new password').fill('my-next-password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('The current password is incorrect.')).toBeVisible();

  await form.getByLabel('Current password').fill(researcher.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-changed/);
  await expect(page.getByRole('status')).toHaveText('Your password has been changed. Sign in with the new one.');
  expect((await otherPage.request.get('/api/articles')).status()).toBe(401);

  await signInWithForm(page, researcher.email, 'my-next-password');
  await expect(page.getByRole('heading', { name: `Welcome, ${researcher.name}` })).toBeVisible();
  await otherDevice.close();
});

test('security headers: nonce-based CSP without unsafe-inline scripts, no framing, no sniffing', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/login');
  const headers = response!.headers();
  const csp = headers['content-security-policy']!;
  const scriptSrc = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src'))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();

  const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
  const inlineScripts = page.locator('script:not([src])');
  for (const script of await inlineScripts.all()) expect(await script.evaluate((s) => (s as HTMLScriptElement).nonce)).toBe(nonce);
  // The page hydrates under the policy: client-side validation only runs with JavaScript.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter an e-mail address.')).toBeVisible();
  expect(violations).toEqual([]);
});

test('health answers 200 and errors carry no stack trace', async ({ page }) => {
  const health = await page.request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  const bad = await page.request.post('/api/auth/callback/credentials', { headers: { 'content-type': 'application/json' }, data: '{not json' });
  expect(bad.status()).toBeGreaterThanOrEqual(400);
  expect(bad.status()).toBeLessThan(500);
  expect(await bad.text()).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
});

test('main pages have no serious accessibility violations', async ({ page, admin }) => {
  // Nine full axe scans: on a loaded two-core machine they can pass the default 30 s between them.
  test.slow();
  await page.goto('/login');
  const check = async () => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  };
  await check();
  await signInWithForm(page, admin.email, admin.password);
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  const article = await createTestArticle('Accessible article', 'A paragraph to read.\n\nAnother one.');
  for (const path of ['/', '/articles', `/articles/${article.id}`, '/review', '/progress', '/import', '/admin/users', '/account']) {
    await page.goto(path);
    await check();
  }
});
