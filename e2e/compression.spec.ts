import { createTestAnnotation, createTestArticle, expect, signIn, test } from './support/fixtures.ts';

test('pages are compressed; the live event stream is not, so events arrive at once', async ({ page, researcher }) => {
  const article = await createTestArticle('Compression check', 'A short article about compressed pages.');
  const login = await page.request.get('/login', { headers: { 'accept-encoding': 'gzip' } });
  expect(login.headers()['content-encoding']).toBe('gzip');
  const brotli = await page.request.get('/login', { headers: { 'accept-encoding': 'br' } });
  expect(brotli.headers()['content-encoding']).toBe('br');
  expect(await brotli.text()).toContain('Sign in');

  await signIn(page, researcher);
  await page.goto('/');
  const stream = await page.evaluate(async (id) => {
    const controller = new AbortController();
    const response = await fetch(`/api/articles/${id}/events`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    return { type: response.headers.get('content-type'), encoding: response.headers.get('content-encoding'), first };
  }, article.id);
  expect(stream).toMatchObject({ type: expect.stringContaining('text/event-stream'), encoding: null });
  expect(stream.first).toContain('retry:');
});

test('API JSON, openapi.json and export downloads are compressed when the client accepts it', async ({ page, researcher }) => {
  const article = await createTestArticle('Compressed API', 'The port authority said the new terminal opens in March. '.repeat(20));
  for (let i = 0; i < 15; i++) await createTestAnnotation(article, researcher, { start: i * 10, end: i * 10 + 8, status: 'approved' });
  await signIn(page, researcher);
  const gzip = { headers: { 'accept-encoding': 'gzip' } };
  for (const path of [
    `/api/articles/${article.id}/annotations`,
    '/api/articles',
    '/api/openapi.json',
    `/api/export?format=jsonl&articleId=${article.id}`,
    `/api/export?format=w3c&articleId=${article.id}`,
    `/api/export?format=csv&articleId=${article.id}`,
  ]) {
    const response = await page.request.get(path, gzip);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-encoding'], path).toBe('gzip');
  }
  const listed = await page.request.get(`/api/articles/${article.id}/annotations`, { headers: { 'accept-encoding': 'br' } });
  expect(listed.headers()['content-encoding']).toBe('br');
  expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(15);
  // Without Accept-Encoding, as it was.
  const plain = await page.request.get('/api/openapi.json', { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
});
