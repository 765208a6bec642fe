import { annotatorText, panel, panelHeading } from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, expect, signIn, test } from './support/fixtures.ts';

const TEXT = ['The harbour authority said the ferry will resume on 3 May.', 'Fishermen reported that the storm destroyed the old pier.'].join('\n\n');

test('a reviewer works through the queue by keyboard, rejects with a reason; the author revises; the reviewer approves it', async ({
  page,
  browser,
  researcher,
  reviewer,
}) => {
  const article = await createTestArticle('Ferry review', TEXT);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry will resume on 3 May' });
  const event = await createTestAnnotation(article, researcher, { kind: 'event', quote: 'the storm destroyed the old pier', attributes: { date: '2026-04' } });
  const status = async (id: string) => ((await (await page.request.get(`/api/annotations/${id}`)).json()) as { status: string }).status;

  // The reviewer, by keyboard: A approves the first item, R rejects the second with a reason.
  await signIn(page, reviewer);
  await page.goto(`/review?articleId=${article.id}`);
  const queue = page.getByRole('list', { name: 'Review queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  // The filters offer the article and its author, and show the ones applied.
  await expect(page.getByLabel('Article')).toHaveValue(article.id);
  await expect(page.getByLabel('Author').getByRole('option', { name: researcher.name })).toHaveCount(1);
  await expect(queue.getByRole('listitem').first()).toContainText('the ferry will resume on 3 May');
  await page.keyboard.press('a');
  await expect(queue.getByRole('listitem').first().getByRole('status')).toHaveText('approved');
  await expect.poll(() => status(claim.id)).toBe('approved');
  await expect(queue.getByRole('listitem').nth(1)).toBeFocused();
  await page.keyboard.press('r');
  const reject = page.getByRole('form', { name: 'Reject with a reason' });
  await expect(reject.getByRole('radio').first()).toBeFocused();
  // Out of the preset reasons (one Tab leaves a radio group) into the reviewer's own words.
  await page.keyboard.press('Tab');
  await page.keyboard.type('The date is wrong');
  await page.keyboard.press('Enter');
  await expect(queue.getByRole('listitem').nth(1).getByRole('status')).toHaveText('rejected');
  await expect.poll(() => status(event.id)).toBe('rejected');

  // The author sees the reason and revises: a substantive edit sends it back to review.
  const author = await (await browser.newContext()).newPage();
  await signIn(author, researcher);
  // The navigation counts the decisions made on my annotations since I last looked at the dashboard…
  await author.goto('/articles');
  await expect(author.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Dashboard.*\b2 new decisions/ })).toBeVisible();
  // …which lists what was rejected, with the reason, linking to the annotation in its article.
  await author.goto('/');
  const rejected = author.getByRole('list', { name: /Rejected/ });
  await expect(rejected).toContainText('The date is wrong');
  // Having looked, the count starts again: the badge is gone on the next page.
  await expect
    .poll(async () => {
      await author.goto('/articles');
      return author
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^Dashboard/ })
        .textContent();
    })
    .not.toMatch(/new decision/);
  await author.goto('/');
  await rejected.getByRole('link', { name: /the storm destroyed the old pier/ }).click();
  await expect(annotatorText(author)).toHaveAttribute('data-ready', 'true');
  await expect(panel(author)).toContainText('Rejected by');
  await expect(panel(author)).toContainText('The date is wrong');
  // The annotator filters to what was rejected of mine.
  await author.getByRole('button', { name: 'Only my rejected (1)' }).click();
  await expect(author.getByRole('region', { name: /^Highlights/ })).toContainText('1 of 2 shown');
  await author.getByRole('button', { name: 'Show all again' }).click();
  await panel(author).getByLabel(/^Date/).fill('2026-03');
  await panel(author).getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => status(event.id)).toBe('pending');
  await author.getByLabel('New comment').fill('Fixed: the storm was in March.');
  await author.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(panel(author).getByRole('list', { name: 'Comments' })).toContainText('Fixed: the storm was in March.');

  // Back in the queue, and approved this time; the history keeps both decisions.
  await page.goto(`/review?articleId=${article.id}`);
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await expect(queue.getByRole('listitem').first()).toContainText('the storm destroyed the old pier');
  await page.keyboard.press('a');
  await expect.poll(() => status(event.id)).toBe('approved');
  const detail = (await (await page.request.get(`/api/annotations/${event.id}`)).json()) as { decisions: { decision: string; comment: string | null }[] };
  expect(detail.decisions.map((d) => d.decision)).toEqual(['approve', 'reject']);
  expect(detail.decisions[1]!.comment).toBe('The date is wrong');

  // The panel's history reads the whole timeline from the audit trail.
  await page.goto(`/articles/${article.id}#annotation-${event.id}`);
  await panel(page).getByText('History', { exact: true }).click();
  const history = panel(page).getByRole('list', { name: 'History' });
  // Seeded directly (no "created" entry): rejected, revised, commented, approved.
  await expect(history.getByRole('listitem')).toHaveCount(4);
  await expect(history).toContainText('rejected version 1');
  await expect(history).toContainText('The date is wrong');
  await expect(history).toContainText('2026-03');
  await expect(history).toContainText('Fixed: the storm was in March.');
  await expect(history.getByRole('listitem').last()).toContainText('approved');
});

test('a reviewer decides from the annotator panel, never on their own annotations', async ({ page, researcher, reviewer }) => {
  const article = await createTestArticle('Ferry panel review', TEXT);
  const theirs = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry will resume on 3 May' });
  const own = await createTestAnnotation(article, reviewer, { kind: 'event', quote: 'the storm destroyed the old pier' });
  await signIn(page, reviewer);
  await page.goto(`/articles/${article.id}#annotation-${own.id}`);
  await expect(panel(page)).toContainText('Event');
  await expect(panel(page).getByRole('button', { name: 'Approve' })).toHaveCount(0);
  expect((await page.request.post(`/api/annotations/${own.id}/review`, { data: { decision: 'approve', version: 1 } })).status()).toBe(403);

  await page.goto(`/articles/${article.id}#annotation-${theirs.id}`);
  await panel(page).getByRole('button', { name: 'Reject…' }).click();
  await panel(page).getByRole('radio', { name: 'Wrong kind' }).check();
  await panel(page).getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(panelHeading(page)).toContainText('Rejected');
  await expect(page.locator(`[data-annotator-text] [data-id="${theirs.id}"]`).first()).toHaveClass(/s-rejected/);
});
