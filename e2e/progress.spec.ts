import { createTestAnnotation, createTestArticle, expect, signIn, test } from './support/fixtures.ts';

test('progress shows per-article, per-annotator and per-reviewer figures, with charts and CSV downloads', async ({ page, researcher, reviewer }) => {
  const article = await createTestArticle('Progress harbour', 'The port reopened on Monday, officials said.');
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'The port reopened on Monday' });
  await createTestAnnotation(article, researcher, { kind: 'source', quote: 'officials' });
  await signIn(page, reviewer);
  expect(
    (
      await page.request.post(`/api/annotations/${claim.id}/review`, { data: { decision: 'reject', comment: 'Wrong kind: it is an event', version: 1 } })
    ).status(),
  ).toBe(200);

  await page.goto('/progress');
  const articles = page.getByRole('table', { name: /article/i });
  await expect(articles.getByRole('row', { name: /Progress harbour/ })).toContainText('50');
  // The researcher made 2, 1 pending, 0 approved, 1 rejected (0% approved of decided), the reason grouped under its preset.
  const annotator = page.getByRole('table', { name: /annotator/i }).getByRole('row', { name: new RegExp(researcher.name) });
  await expect(annotator.getByRole('cell')).toHaveText(['2', '1', '0', '1', '0%', /Wrong kind.*1/]);
  // The reviewer decided once today: a rejection.
  const reviewerRow = page.getByRole('table', { name: /reviewer/i }).getByRole('row', { name: new RegExp(reviewer.name) });
  await expect(reviewerRow.getByRole('cell')).toHaveText(['1', '1', '1', '0', '1', /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/]);
  await expect(page.locator('.recharts-wrapper').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page
    .getByRole('link', { name: /Download CSV/ })
    .first()
    .click();
  const csv = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(csv, 'utf8')).toContain('Progress harbour');
});
