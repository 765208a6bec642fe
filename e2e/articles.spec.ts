import { randomInt } from 'node:crypto';
import { createTestAnnotation, createTestArticle, expect, signIn, test } from './support/fixtures.ts';

// Other tests create articles in the same database at the same time: every test here searches
// for, or filters by, words of its own.
const uniqueWord = () => `qz${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

test('a researcher searches, sees highlighted passages, filters and pages through the corpus', async ({ page, researcher }) => {
  const word = uniqueWord();
  const source = `Source ${word}`;
  const titled = await createTestArticle(`Harbour ${word} reopens`, `Boats are back in the harbour.`, {
    source,
    publishedAt: new Date('2024-05-02T09:00:00Z'),
  });
  const body = await createTestArticle(
    `Council notes ${word.slice(0, 4)}`,
    `Lorem ipsum dolor sit amet. The ${word} contract was signed on Monday by the council.`,
    { source: `Other ${word}` },
  );
  await createTestAnnotation(body, researcher, { kind: 'event', status: 'approved' });

  await signIn(page, researcher);
  await page.goto('/articles');
  await page.getByLabel('Search titles and text').fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word}`));

  const results = page.getByRole('list', { name: 'Articles' }).getByRole('listitem');
  await expect(results).toHaveCount(2);
  // The title hit ranks first; the body hit shows the passage around the word, highlighted.
  await expect(results.nth(0).getByRole('link')).toHaveText(titled.title);
  await expect(results.nth(1).getByRole('link')).toHaveText(body.title);
  await expect(results.nth(1).locator('mark')).toHaveText([word]);
  await expect(results.nth(1)).toContainText('contract was signed');
  await expect(results.nth(1)).toContainText('1 event');
  await expect(results.nth(1)).toContainText('1 approved');

  // Prefix matching on titles: the start of a word is enough.
  await page.getByLabel('Search titles and text').fill(`harbour ${word.slice(0, 6)}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('mark').first()).toHaveText('Harbour');

  // Filters live in the URL and combine with the search.
  await page.getByLabel('Search titles and text').fill(word);
  await page.getByLabel('Annotations').selectOption('yes');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/annotated=yes/);
  await expect(results).toHaveCount(1);
  await expect(results.first().getByRole('link')).toHaveText(body.title);

  await page.getByLabel('Annotations').selectOption('no');
  await page.getByLabel('Review state').selectOption('approved');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(`No articles match “${word}” with these filters.`)).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).last().click();
  await expect(page).toHaveURL('/articles');

  // Pagination within one source: 27 articles, 25 a page, sorted by title.
  const pagedSource = `Paged ${word}`;
  for (let i = 1; i <= 27; i++) await createTestArticle(`${word} item ${String(i).padStart(2, '0')}`, `Item ${i} of a long list.`, { source: pagedSource });
  await page.goto('/articles');
  await page.getByLabel('Source').selectOption(pagedSource);
  await page.getByLabel('Sort by').selectOption('title');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(results).toHaveCount(25);
  await expect(results.first().getByRole('link')).toHaveText(`${word} item 01`);
  await page.getByRole('link', { name: 'Next page →' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(results.getByRole('link')).toHaveText([`${word} item 26`, `${word} item 27`]);
  await expect(page.getByRole('link', { name: 'Next page →' })).toHaveCount(0);
  await page.getByRole('link', { name: '← First page' }).click();
  await expect(results).toHaveCount(25);
});

test('an admin edits an article’s metadata, archives it and brings it back', async ({ page, admin }) => {
  const word = uniqueWord();
  const article = await createTestArticle(`Draft title ${word}`, `The body of the ${word} story.`);
  const takenUrl = `https://news.example/taken-${word}`;
  await createTestArticle(`Already imported`, `Another story.`, { url: takenUrl, canonicalUrl: takenUrl });
  await signIn(page, admin);
  await page.goto(`/articles/${article.id}`);

  await page.getByRole('button', { name: 'Edit metadata' }).click();
  const form = page.getByRole('form', { name: 'Edit metadata' });
  await form.getByLabel('URL').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save metadata' }).click();
  await expect(form.getByText('Enter a web address starting with http:// or https://.')).toBeVisible();
  await form.getByLabel('URL').fill(`${takenUrl}?utm_source=newsletter`);
  await form.getByRole('button', { name: 'Save metadata' }).click();
  await expect(form.getByText(/Another article already has this URL/).first()).toBeVisible();

  await form.getByLabel('Title').fill(`Final title ${word}`);
  await form.getByLabel('Source').fill(`Edited Source ${word}`);
  await form.getByLabel('Author').fill('Jo Reporter');
  await form.getByLabel('URL').fill(`https://news.example/${word}`);
  await form.getByLabel('Published').fill('2024-05-31');
  await form.getByLabel('Language').fill('en');
  await form.getByRole('button', { name: 'Save metadata' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Metadata saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Final title ${word}`);
  await expect(page.getByText(`Edited Source ${word} · Jo Reporter · May 31, 2024`)).toBeVisible();
  await expect(page.getByRole('link', { name: `https://news.example/${word}` })).toBeVisible();

  await page.getByRole('button', { name: 'Archive article' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Archived on/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unarchive article' })).toBeVisible();

  await page.goto(`/articles?q=${word}`);
  await expect(page.getByText(`No articles match “${word}”.`)).toBeVisible();
  await page.getByLabel('Archived').selectOption('include');
  await page.getByRole('button', { name: 'Search' }).click();
  const item = page.getByRole('list', { name: 'Articles' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Archived');

  await item.getByRole('link').click();
  await page.getByRole('button', { name: 'Unarchive article' }).click();
  await expect(page.getByRole('button', { name: 'Archive article' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Archived on/ })).toHaveCount(0);
  await page.goto(`/articles?q=${word}`);
  await expect(page.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(1);
});

test('a researcher sees no admin controls and is refused the admin endpoints; bad list parameters answer 400', async ({ page, researcher }) => {
  const word = uniqueWord();
  const article = await createTestArticle(`Protected ${word}`, `Text of ${word}.`);
  await signIn(page, researcher);
  await page.goto(`/articles/${article.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Protected ${word}`);
  await expect(page.getByRole('button', { name: 'Edit metadata' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Archive article' })).toHaveCount(0);
  await page.goto('/articles');
  await expect(page.getByLabel('Archived')).toHaveCount(0);

  const patch = await page.request.patch(`/api/articles/${article.id}`, { data: { title: 'Hijacked' } });
  expect(patch.status()).toBe(403);
  expect((await patch.json()).error.code).toBe('forbidden');
  const archive = await page.request.post(`/api/articles/${article.id}/archive`, { data: { archived: true } });
  expect(archive.status()).toBe(403);

  const bad = await page.request.get('/api/articles?sort=popular&from=2024-13-01&limit=1000&cursor=nope');
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.code).toBe('validation');
  expect(Object.keys(error.details.fieldErrors).sort()).toEqual(['from', 'limit', 'sort']);

  const good = await page.request.get(`/api/articles?q=${word}`);
  expect(good.status()).toBe(200);
  const body = await good.json();
  expect(body.nextCursor).toBeNull();
  expect(body.items).toHaveLength(1);
  expect(body.items[0]).toMatchObject({ id: article.id, title: `Protected ${word}`, counts: { claims: 0, pending: 0 } });
  expect(body.items[0].titleHighlight).toContainEqual({ text: word, highlight: true });
});
