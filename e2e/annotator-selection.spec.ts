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
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry was cancelled twice' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'Residents of Kestrel Bay' });
  const other = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'The operator' });
  await createTestRelation(claim, source, researcher);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  const outline = (id: string) =>
    highlight(page, id)
      .first()
      .evaluate((el) => getComputedStyle(el).boxShadow);
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
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry was cancelled twice' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'The operator' });
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
    .poll(async () =>
      ((await (await page.request.get(`/api/annotations/${claim.id}`)).json()) as { relations: { other: { id: string } }[] }).relations.map((r) => r.other.id),
    )
    .toEqual([source.id]);
});

test('the span of one’s own annotation moves with its drag handles, the arrow keys on a handle, and the panel’s buttons', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry span', TEXT);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry was cancelled' });
  const exact = async () => ((await (await page.request.get(`/api/annotations/${claim.id}`)).json()) as { exact: string }).exact;
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  await highlight(page, claim.id).first().click();

  // Drag the end handle onto "twice": the end snaps to the end of that word.
  const handle = page.getByRole('button', { name: /End of the span/ });
  const grip = (await handle.boundingBox())!;
  const target = await wordBox(page, 'twice');
  await page.mouse.move(Math.round(grip.x + grip.width / 2), Math.round(grip.y + grip.height / 2));
  await page.mouse.down();
  await page.mouse.move(Math.round(target.x + target.width / 2), Math.round(target.y + target.height / 2), { steps: 6 });
  await page.mouse.up();
  await expect.poll(exact).toBe('the ferry was cancelled twice');

  // The start handle with the keyboard: one word later.
  await page.getByRole('button', { name: /Start of the span/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(exact).toBe('ferry was cancelled twice');

  // The panel's buttons: the end one word earlier.
  await page.getByRole('button', { name: 'Move the end one word earlier' }).click();
  await expect.poll(exact).toBe('ferry was cancelled');
  await expect(highlight(page, claim.id)).toHaveText('ferry was cancelled');
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a selection made by touch shows the toolbar, and a tap tags it', async ({ page, researcher }) => {
    const article = await createTestArticle('Ferry touch', TEXT);
    await signIn(page, researcher);
    await openAnnotator(page, article.id);
    // What a long-press and the handles leave behind: a document selection, without mouse events.
    await annotatorText(page).evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf('promised refunds');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'promised refunds'.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
    });
    await expect(toolbar(page)).toBeVisible();
    await toolbar(page).getByRole('button', { name: /Event/ }).tap();
    await expect.poll(async () => (await listAnnotations(page, article.id)).map((a) => `${a.kind}:${a.exact}`)).toEqual(['event:promised refunds']);
  });
});
