import type { Page } from '@playwright/test';
import {
  annotationDetail,
  annotatorText,
  clickWord,
  dragOverWords,
  highlight,
  openAnnotator,
  panel,
  panelHeading,
  panelPlaceholder,
  panelReload,
} from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, createTestUser, expect, signIn, test } from './support/fixtures.ts';

const TEXT = [
  'The mayor said the harbour bridge will reopen in May.',
  'Officials from the port authority confirmed the schedule during a press briefing on Tuesday.',
].join('\n\n');

/** Opens the annotator and waits until its live stream (server-sent events) is connected. */
async function openLive(page: Page, articleId: string) {
  const connected = page.waitForResponse((r) => r.url().endsWith(`/api/articles/${articleId}/events`) && r.status() === 200);
  await openAnnotator(page, articleId);
  await connected;
}

// Issue 4: changes by others appear within 2 seconds, without a reload.
const LIVE = { timeout: 2_000 };

test('a second researcher’s new annotation, kind change, comment and deletion appear live', async ({ page, browser, researcher }) => {
  const article = await createTestArticle('Harbour bridge, live', TEXT);
  const other = await createTestUser('RESEARCHER');
  await signIn(page, researcher);
  await openLive(page, article.id);

  const otherContext = await browser.newContext();
  try {
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, other);
    await openLive(otherPage, article.id);

    // A new annotation.
    await dragOverWords(otherPage, 'harbour', 'reopen');
    const created = otherPage.waitForResponse((r) => r.url().endsWith(`/api/articles/${article.id}/annotations`) && r.request().method() === 'POST');
    await otherPage.keyboard.press('c');
    const { id } = (await (await created).json()) as { id: string };
    await expect(highlight(page, id)).toHaveText('harbour bridge will reopen', LIVE);
    await expect(highlight(page, id)).toHaveClass(/\bk-claim\b.*\bs-pending\b/);
    await expect(page.getByRole('region', { name: /^Highlights/ }).getByRole('heading')).toHaveText('Highlights (1)');

    // The first researcher opens it while the other edits and discusses it.
    await clickWord(page, 'bridge');
    await expect(panelHeading(page)).toHaveText('Claim · Pending');
    await expect(panel(page)).toContainText(`By ${other.name}`);

    await expect(otherPage.getByRole('combobox', { name: 'Kind' })).toBeEnabled();
    await otherPage.getByRole('combobox', { name: 'Kind' }).selectOption('Event');
    await expect(highlight(page, id)).toHaveClass(/\bk-event\b/, LIVE);
    await expect(panelHeading(page)).toHaveText('Event · Pending', LIVE);

    await otherPage.getByLabel('New comment').fill('Was it May 2024 or 2025?');
    await otherPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(panel(page).getByRole('list', { name: 'Comments' }).getByRole('listitem')).toHaveText([/Was it May 2024 or 2025\?/], LIVE);

    // Its author deletes it: it leaves the text, and the open panel says so.
    expect((await otherPage.request.delete(`/api/annotations/${id}`)).status()).toBe(204);
    await expect(highlight(page, id)).toHaveCount(0, LIVE);
    await expect(page.getByText('The annotation you had open was deleted by its author.')).toBeVisible();
    await expect(panelPlaceholder(page)).toBeVisible();
  } finally {
    await otherContext.close();
  }
});

test('a stale edit gets a conflict; the change can be applied again or dropped', async ({ page, researcher }) => {
  const article = await createTestArticle('Harbour bridge, conflict', TEXT);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the harbour bridge will reopen in May' });
  // No live stream for this page, as after a dropped connection: it keeps what it loaded.
  await page.route(`**/api/articles/${article.id}/events`, (route) => route.abort());
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  await clickWord(page, 'bridge');
  await expect(panel(page)).toContainText('version 1');
  const note = panel(page).getByLabel('Note', { exact: true });
  await note.fill('Confirmed by the port authority.');
  // Meanwhile the same annotation is changed elsewhere (another tab), as its author.
  expect((await page.request.patch(`/api/annotations/${claim.id}`, { data: { version: 1, note: 'Changed in another tab.' } })).status()).toBe(200);

  await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = panel(page).getByRole('alert');
  await expect(conflict).toContainText('Someone changed this annotation since you loaded it. It is now version 2');
  await expect(conflict).toContainText('Note: “Changed in another tab.”');
  const reloaded = panelReload(page, claim.id);
  await conflict.getByRole('button', { name: 'Apply my change again' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(panel(page).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await reloaded;
  expect(await annotationDetail(page, claim.id)).toMatchObject({ note: 'Confirmed by the port authority.', version: 3 });
  await expect(panel(page)).toContainText('version 3');

  // Again, but this time the other version wins.
  await note.fill('My second thought.');
  expect(
    (
      await page.request.patch(`/api/annotations/${claim.id}`, { data: { version: 3, note: 'The other tab again.', attributes: { type: 'prediction' } } })
    ).status(),
  ).toBe(200);
  await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(conflict).toContainText('It is now version 4');
  await conflict.getByRole('button', { name: 'Keep the current version' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(note).toHaveValue('The other tab again.');
  await expect(panel(page).getByLabel('Claim type')).toHaveValue('prediction');
  expect(await annotationDetail(page, claim.id)).toMatchObject({ note: 'The other tab again.', version: 4 });
});

// BUG (components/annotator/AnnotationPanel.tsx, the effect keyed on annotation.version): when a
// live update bumps the version of the open annotation, the panel reloads it and overwrites the
// note and attribute fields, so unsaved typing is silently lost, and no conflict is ever shown.
test('unsaved panel edits survive a live update of the same annotation, and saving them goes through the conflict UI', async ({ page, researcher }) => {
  const article = await createTestArticle('Harbour bridge, draft', TEXT);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the harbour bridge will reopen in May' });
  await signIn(page, researcher);
  await openLive(page, article.id);
  await clickWord(page, 'bridge');
  await expect(panel(page)).toContainText('version 1');
  const note = panel(page).getByLabel('Note', { exact: true });
  await note.fill('A long draft I have not saved yet.');
  // The same author changes it elsewhere (another tab); the live stream brings version 2.
  const reloaded = panelReload(page, claim.id);
  expect((await page.request.patch(`/api/annotations/${claim.id}`, { data: { version: 1, attributes: { type: 'opinion' } } })).status()).toBe(200);
  await expect(panel(page)).toContainText('version 2');
  await reloaded;
  await expect(annotatorText(page)).toBeVisible();
  await expect(note).toHaveValue('A long draft I have not saved yet.');
  await expect(panel(page).getByRole('status').filter({ hasText: 'changed elsewhere while you were editing' })).toBeVisible();
  // The draft was written over version 1: saving it must not silently replace version 2.
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByRole('alert')).toContainText('Someone changed this annotation since you loaded it');
  await panel(page).getByRole('button', { name: 'Apply my change again' }).click();
  await expect(panel(page)).toContainText('version 3');
  const saved = await (await page.request.get(`/api/annotations/${claim.id}`)).json();
  expect(saved).toMatchObject({ version: 3, note: 'A long draft I have not saved yet.', attributes: { type: 'opinion' } });
});

// Issue 12: a stream already open for a user who is then disabled ends within seconds, not at the next minute's check.
test('the live stream of a researcher who is disabled meanwhile ends within seconds, and the page says why', async ({ page, browser, researcher, admin }) => {
  const article = await createTestArticle('Harbour bridge, disabled', TEXT);
  // Someone else follows the article first, so the server's LISTEN connection may be theirs: the
  // change is heard there, but it is the researcher's own session that must be checked.
  const watcherContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  await signIn(watcher, await createTestUser('REVIEWER'));
  await openLive(watcher, article.id);
  await signIn(page, researcher);
  await openLive(page, article.id);
  await expect(page.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');

  const adminContext = await browser.newContext();
  let disabledAt = 0;
  try {
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin);
    disabledAt = performance.now();
    expect((await adminPage.request.patch(`/api/admin/users/${researcher.id}`, { data: { action: 'setDisabled', disabled: true } })).status()).toBe(200);
  } finally {
    await adminContext.close();
  }
  // The stream ends within a second of the change; the browser's reconnection 2 s later is refused (401).
  await expect(page.locator('[data-live-status="signed-out"]')).toHaveText('Live updates stopped: you have been signed out.', { timeout: 10_000 });
  console.log(`signed-out shown ${Math.round(performance.now() - disabledAt)} ms after the account was disabled`);
  // The other viewer follows on.
  await expect(watcher.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
  await watcherContext.close();
});
