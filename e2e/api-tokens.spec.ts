import type { APIRequestContext } from '@playwright/test';
import { createTestArticle, expect, signIn, test } from './support/fixtures.ts';

// The API token lifecycle (issue 6, point 4): create on /account, use from a script (a request
// context with no cookies), last used shows, revoke, refused.
test('a personal API token: created once on /account, used by a script, revoked', async ({ page, playwright, baseURL, researcher }) => {
  const article = await createTestArticle('Read by a script', 'The council voted to close the old library in June.');
  const scriptWith = (authorization: string): Promise<APIRequestContext> =>
    playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: authorization } });

  const stranger = await scriptWith(`Bearer nm_${'A'.repeat(43)}`);
  expect((await stranger.get('/api/articles')).status()).toBe(401);
  await stranger.dispose();
  const malformed = await scriptWith('Bearer not-a-token');
  expect((await malformed.get('/api/articles')).status()).toBe(401);
  await malformed.dispose();

  await signIn(page, researcher);
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Personal API tokens' });
  await expect(section.getByText('You have no API tokens.')).toBeVisible();
  await section.getByLabel('Token name').fill('nightly script');
  await section.getByRole('button', { name: 'Create token' }).click();
  await expect(section.getByText('it will not be shown again')).toBeVisible();
  const token = (await section.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^nm_[A-Za-z0-9_-]{43}$/);
  const row = section.getByRole('row', { name: /nightly script/ });
  await expect(row.getByRole('cell', { name: 'never' })).toBeVisible();
  await expect(row).toContainText(token.slice(0, 9));

  // A second token with the same name is refused.
  await section.getByLabel('Token name').fill('nightly script');
  await section.getByRole('button', { name: 'Create token' }).click();
  await expect(section.getByText('You already have an active token with this name.').first()).toBeVisible();

  const script = await scriptWith(`Bearer ${token}`);
  const articles = await script.get('/api/articles');
  expect(articles.status()).toBe(200);
  expect(Array.isArray(((await articles.json()) as { items: unknown }).items)).toBe(true);
  const one = await script.get(`/api/articles/${article.id}`);
  expect(one.status()).toBe(200);
  expect(await one.json()).toMatchObject({ id: article.id, title: 'Read by a script' });
  // A write with the owner's role, and no Origin (as from curl).
  const start = article.text.indexOf('close the old library');
  const annotation = await script.post(`/api/articles/${article.id}/annotations`, {
    data: { kind: 'claim', start, end: start + 'close the old library'.length },
  });
  expect(annotation.status()).toBe(201);
  expect(await annotation.json()).toMatchObject({ author: { id: researcher.id } });
  // Tokens cannot manage tokens.
  expect((await script.get('/api/account/tokens')).status()).toBe(403);
  expect((await script.post('/api/account/tokens', { data: { name: 'minted by a token' } })).status()).toBe(403);

  // The last use shows after a reload, and the plaintext is gone.
  await page.reload();
  await expect(section.getByRole('row', { name: /nightly script/ }).getByRole('cell', { name: 'never' })).toHaveCount(0);
  await expect(section.getByRole('row', { name: /nightly script/ }).getByRole('cell', { name: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/ })).toHaveCount(2);
  await expect(page.getByText(token)).toHaveCount(0);

  await section.getByRole('button', { name: 'Revoke nightly script' }).click();
  await section.getByRole('button', { name: 'Confirm revoking nightly script' }).click();
  await expect(section.getByRole('row', { name: /nightly script/ })).toContainText('Revoked');
  expect((await script.get('/api/articles')).status()).toBe(401);
  await script.dispose();
});
