import { annotatorText, dragOverWords, highlight, listAnnotations, openAnnotator, toolbar, wordBox } from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, createTestRelation, expect, signIn, test } from './support/fixtures.ts';

const TEXT = ['Residents of Kestrel Bay said the ferry was cancelled twice.', 'The operator blamed the weather and promised refunds by Friday.'].join('\n\n');

test('a selection across two paragraphs becomes one annotation spanning both', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry cancelled', TEXT);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  await dragOverWords(page, 'cancelled', 'operator');
  await expect(toolbar(page)).toBeVisible();
  await page.keyboard.press('c');
  await expect.poll(async () => (await listAnnotations(page, article.id)).map((a) => a.exact)).toEqual(['cancelled twice.\n\nThe operator']);
  const [saved] = await listAnnotations(page, article.id);
  // Painted in both paragraphs.
  await expect(highlight(page, saved!.id)).toHaveCount(2);
});

test('holding Alt keeps the exact characters instead of snapping to words', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry refunds', TEXT);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  // From the middle of "operator" to the middle of "weather", Alt held: no snapping.
  await dragOverWords(page, 'operator', 'weather', { alt: true });
  await expect(toolbar(page)).toBeVisible();
  await page.keyboard.press('e');
  await expect.poll(async () => (await listAnnotations(page, article.id)).length).toBe(1);
  const [saved] = await listAnnotations(page, article.id);
  expect(saved!.exact).toMatch(/^[a-z]+ blamed the [a-z]+$/);
  expect(saved!.exact.startsWith('operator')).toBe(false);
  expect(saved!.exact.endsWith('weather')).toBe(false);
});

test('hovering a claim outlines the source it is attributed to', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry source', TEXT);
  const claim = await createTestAnnotation(article, researcher, { kind: 'CLAIM', quote: 'the ferry was cancelled twice' });
  const source = await createTestAnnotation(article, researcher, { kind: 'SOURCE', quote: 'Residents of Kestrel Bay' });
  const other = await createTestAnnotation(article, researcher, { kind: 'SOURCE', quote: 'The operator' });
  await createTestRelation(claim, source, researcher);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  const outline = (id: string) => highlight(page, id).first().evaluate((el) => getComputedStyle(el).boxShadow);
  expect(await outline(source.id)).toBe('none');
  const box = await wordBox(page, 'ferry');
  await page.mouse.move(Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2));
  await expect.poll(() => outline(source.id)).not.toBe('none');
  expect(await outline(other.id)).toBe('none');
  // Moving away clears it.
  await page.mouse.move(1, 1);
  await expect.poll(() => outline(source.id)).toBe('none');
  await expect(annotatorText(page)).toBeVisible();
});

test('a claim is attributed to an existing source from the keyboard alone: J/K to it, then Enter', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry keyboard link', TEXT);
  const claim = await createTestAnnotation(article, researcher, { kind: 'CLAIM', quote: 'the ferry was cancelled twice' });
  const source = await createTestAnnotation(article, researcher, { kind: 'SOURCE', quote: 'The operator' });
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  await annotatorText(page).focus();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Annotation panel' }).getByRole('heading', { name: /Claim · Pending/ })).toBeFocused();
  await page.getByRole('button', { name: /Attribute to source/ }).focus();
  await page.keyboard.press('Enter');
  await expect(annotatorText(page)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => ((await (await page.request.get(`/api/annotations/${claim.id}`)).json()) as { relations: { other: { id: string } }[] }).relations.map((r) => r.other.id))
    .toEqual([source.id]);
});
