import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { announcement, annotatorText, clickWord, dragOverWords, openAnnotator, panel, panelHeading, toolbar } from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, createTestComment, createTestRelation, expect, signIn, test } from './support/fixtures.ts';

/** Serious and critical axe-core violations, printed in full when there are any. */
async function seriousViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) {
    console.log(`[axe, ${state}] ${v.impact}: ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) console.log(`    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`);
  }
  return serious.map((v) => `${v.id} (${v.nodes.length})`);
}

test('the annotator has no serious or critical axe violations: panel open, toolbar shown, shortcut sheet open', async ({ page, researcher, reviewer }) => {
  const article = await createTestArticle(
    'Accessible annotator',
    'Residents reported that the ferry terminal flooded overnight, the coastguard said.\n\nThe council will vote on repairs next week, according to a spokesperson.',
  );
  const claim = await createTestAnnotation(article, researcher, {
    kind: 'claim',
    quote: 'the ferry terminal flooded overnight',
    note: 'Check it.',
    attributes: { type: 'factual', checkworthy: true },
  });
  const source = await createTestAnnotation(article, reviewer, { kind: 'source', quote: 'the coastguard', status: 'approved' });
  await createTestAnnotation(article, reviewer, { kind: 'event', quote: 'vote on repairs next week', status: 'rejected' });
  await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'terminal flooded' });
  await createTestRelation(claim, source, researcher);
  await createTestComment(claim, reviewer, 'Which station?');
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  expect(await seriousViolations(page, 'no panel')).toEqual([]);

  await clickWord(page, 'ferry');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(panel(page).getByRole('list', { name: 'Comments' }).getByRole('listitem')).toHaveCount(1);
  await expect(panel(page).getByLabel('Claim type')).toHaveValue('factual');
  expect(await seriousViolations(page, 'own claim panel open')).toEqual([]);

  await clickWord(page, 'coastguard');
  await expect(panelHeading(page)).toHaveText('Source · Approved ✓');
  expect(await seriousViolations(page, 'someone else’s source panel open')).toEqual([]);

  await dragOverWords(page, 'council', 'vote');
  await expect(toolbar(page)).toBeVisible();
  expect(await seriousViolations(page, 'selection toolbar shown')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(toolbar(page)).toBeHidden();

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('rowheader')).toContainText(['Shift + ← / →', 'C or 1', 'J / K', 'Enter', 'Esc', 'Delete', '?']);
  expect(await seriousViolations(page, 'shortcut sheet open')).toEqual([]);
});

test('the shortcut sheet opens with ?, closes with Esc, and leaves the keys working', async ({ page, researcher }) => {
  const article = await createTestArticle('Shortcut sheet', 'The mayor said the harbour bridge will reopen in May.');
  await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the harbour bridge will reopen' });
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  await annotatorText(page).focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  // Keys meant for the text do nothing behind the modal sheet.
  await page.keyboard.press('j');
  await expect(panelHeading(page)).toHaveCount(0);
  // J would step to the claim and announce it: behind the sheet it does not.
  await expect(announcement(page)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(annotatorText(page)).toBeFocused();

  await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
  // Focus returns to the button that opened it; back to the text with Shift+Tab.
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts (?)' })).toBeFocused();
  for (let i = 0; i < 30 && !(await annotatorText(page).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(annotatorText(page)).toBeFocused();

  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(panelHeading(page)).toBeFocused();
});
