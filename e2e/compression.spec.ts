import { createTestArticle, expect, signIn, test } from './support/fixtures.ts';

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
