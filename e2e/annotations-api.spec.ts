import { createTestArticle, expect, signIn, test } from './support/fixtures.ts';

test('the annotation API: create, list, edit with versions, own-only changes', async ({ page, browser, researcher, reviewer }) => {
  const article = await createTestArticle('Annotated via the API', 'The mayor said the bridge will reopen in May 🌉.');
  const quote = 'the bridge will reopen in May';
  const start = article.text.indexOf(quote);

  expect((await page.request.post(`/api/articles/${article.id}/annotations`, { data: { kind: 'claim', start, end: start + quote.length } })).status()).toBe(
    401,
  );
  await signIn(page, researcher);
  const refused = await page.request.post(`/api/articles/${article.id}/annotations`, {
    data: { kind: 'claim', start, end: start + quote.length, authorId: reviewer.id },
  });
  expect(refused.status()).toBe(400);

  const created = await page.request.post(`/api/articles/${article.id}/annotations`, {
    data: { kind: 'claim', start, end: start + quote.length, exact: quote, attributes: { type: 'prediction' } },
  });
  expect(created.status()).toBe(201);
  const annotation = await created.json();
  expect(annotation).toMatchObject({ kind: 'claim', exact: quote, status: 'pending', version: 1, author: { id: researcher.id } });

  const list = await (await page.request.get(`/api/articles/${article.id}/annotations`)).json();
  expect(list.items.map((a: { id: string }) => a.id)).toContain(annotation.id);

  expect((await page.request.patch(`/api/annotations/${annotation.id}`, { data: { version: 1, note: 'Source?' } })).status()).toBe(200);
  const stale = await page.request.patch(`/api/annotations/${annotation.id}`, { data: { version: 1, note: 'Stale' } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.details.current).toMatchObject({ version: 2, note: 'Source?' });

  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, reviewer);
  expect((await otherPage.request.patch(`/api/annotations/${annotation.id}`, { data: { version: 2, note: 'Not mine' } })).status()).toBe(403);
  expect((await otherPage.request.delete(`/api/annotations/${annotation.id}`)).status()).toBe(403);
  await otherContext.close();

  expect((await page.request.delete(`/api/annotations/${annotation.id}`)).status()).toBe(204);
  expect((await page.request.delete(`/api/annotations/${annotation.id}`)).status()).toBe(404);
});
