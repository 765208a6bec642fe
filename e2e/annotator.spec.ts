import { annotatorText, dragOverWords, highlight, listAnnotations, openAnnotator, panel, panelHeading, toolbar } from './support/annotator.ts';
import { createTestArticle, expect, signIn, test } from './support/fixtures.ts';

const HARBOUR = [
  'The mayor said the harbour bridge will reopen in May.',
  'Officials from the port authority confirmed the schedule during a press briefing on Tuesday.',
].join('\n\n');

test('a researcher tags a claim, an event and a source with the mouse; each is saved', async ({ page, researcher }) => {
  const article = await createTestArticle('Harbour bridge to reopen', HARBOUR);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  // Rough drags from the middle of one word to the middle of another snap to whole words.
  await dragOverWords(page, 'harbour', 'reopen');
  await expect(toolbar(page)).toBeVisible();
  await toolbar(page).getByRole('button', { name: /Claim/ }).click();
  await expect(panelHeading(page)).toHaveText(/Claim · Pending/);
  await expect(toolbar(page)).toBeHidden();

  await dragOverWords(page, 'press', 'briefing');
  await expect(toolbar(page)).toBeVisible();
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText(/Event · Pending/);

  await dragOverWords(page, 'port', 'authority');
  await toolbar(page).getByRole('button', { name: /Source/ }).click();
  await expect(panelHeading(page)).toHaveText(/Source · Pending/);

  const expected = [
    { kind: 'claim', exact: 'harbour bridge will reopen' },
    { kind: 'source', exact: 'port authority' },
    { kind: 'event', exact: 'press briefing' },
  ];
  await expect.poll(async () => (await listAnnotations(page, article.id)).map(({ kind, exact }) => ({ kind, exact }))).toEqual(expected);
  const saved = await listAnnotations(page, article.id);
  for (const a of saved) expect(a).toMatchObject({ status: 'pending', version: 1, author: { id: researcher.id } });

  // The saved ids are painted, and they survive a reload with their kind and status.
  await page.reload();
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
  for (const a of saved) {
    await expect(highlight(page, a.id)).toHaveText(a.exact);
    await expect(highlight(page, a.id)).toHaveClass(new RegExp(`\\bhl\\b.*\\bk-${a.kind}\\b.*\\bs-pending\\b`));
  }
  await expect(annotatorText(page).locator('span[data-id]')).toHaveCount(3);
});

test('a researcher tags a claim with the keyboard alone', async ({ page, researcher }) => {
  const article = await createTestArticle('Harbour bridge, keyboard', HARBOUR);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  // Tab until the article text has focus, as someone without a mouse would.
  const text = annotatorText(page);
  for (let i = 0; i < 40 && !(await text.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(text).toBeFocused();

  // ArrowRight selects the next word ("The", "mayor", "said", "the"); Shift+ArrowRight adds words.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(toolbar(page)).toBeVisible();
  await page.keyboard.press('c');
  await expect(panelHeading(page)).toHaveText(/Claim · Pending/);
  await expect.poll(async () => (await listAnnotations(page, article.id)).map(({ kind, exact }) => ({ kind, exact }))).toEqual([{ kind: 'claim', exact: 'the harbour bridge' }]);
  const [saved] = await listAnnotations(page, article.id);

  await page.reload();
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
  await expect(highlight(page, saved!.id)).toHaveText('the harbour bridge');
  await expect(highlight(page, saved!.id)).toHaveClass(/\bk-claim\b/);
});
