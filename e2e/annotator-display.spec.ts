import { announcement, annotatorText, clickWord, highlight, legend, openAnnotator, panel, panelHeading, panelPlaceholder } from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, expect, signIn, test } from './support/fixtures.ts';

test('overlapping and nested spans are nested elements; clicks cycle through a stack and J/K visit them all', async ({ page, researcher }) => {
  const article = await createTestArticle('Alphabet soup', 'Alpha bravo charlie delta echo foxtrot golf hotel india.');
  // A and B cross at "delta"; C sits inside A.
  const a = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'bravo charlie delta' });
  const b = await createTestAnnotation(article, researcher, { kind: 'event', quote: 'delta echo foxtrot' });
  const c = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'charlie', status: 'approved' });
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  // Each annotation is painted whole (its fragments join to its quote), and the stacks nest.
  await expect(highlight(page, a.id)).toHaveText(['bravo ', 'charlie', ' ', 'delta']);
  await expect(highlight(page, b.id)).toHaveText(['delta', ' echo foxtrot']);
  await expect(highlight(page, c.id)).toHaveText('charlie');
  await expect(highlight(page, a.id).locator(`span[data-id="${c.id}"]`)).toHaveCount(1);
  await expect(highlight(page, a.id).locator(`span[data-id="${b.id}"]`)).toHaveCount(1);
  await expect(highlight(page, c.id)).toHaveClass(/\bk-source\b.*\bs-approved\b/);

  // Clicking one spot again walks through the spans stacked there, innermost first.
  const quote = panel(page).locator('blockquote');
  for (const [kind, text] of [
    ['Event', 'delta echo foxtrot'],
    ['Claim', 'bravo charlie delta'],
    ['Event', 'delta echo foxtrot'],
  ]) {
    await clickWord(page, 'delta');
    await expect(panelHeading(page)).toContainText(kind!);
    await expect(quote).toHaveText(text!);
  }
  await clickWord(page, 'charlie');
  await expect(panelHeading(page)).toHaveText('Source · Approved ✓');
  await clickWord(page, 'charlie');
  await expect(quote).toHaveText('bravo charlie delta');
  await clickWord(page, 'echo');
  await expect(quote).toHaveText('delta echo foxtrot');
  await clickWord(page, 'echo');
  await expect(quote).toHaveText('delta echo foxtrot');

  // J / K: reading order (start, then the longer first), wrapping around; the move is announced.
  await page.keyboard.press('Escape');
  await expect(panelPlaceholder(page)).toBeVisible();
  await page.keyboard.press('Escape');
  const visits = [
    ['j', 'Claim 1 of 3: “bravo charlie delta”'],
    ['j', 'Source 2 of 3: “charlie”'],
    ['j', 'Event 3 of 3: “delta echo foxtrot”'],
    ['j', 'Claim 1 of 3: “bravo charlie delta”'],
    ['k', 'Event 3 of 3: “delta echo foxtrot”'],
    ['k', 'Source 2 of 3: “charlie”'],
  ];
  for (const [key, said] of visits) {
    await page.keyboard.press(key!);
    await expect(announcement(page)).toContainText(said!);
  }
  // The selection is outlined; Enter opens it and moves focus to the panel's heading.
  await expect(highlight(page, c.id)).toHaveCSS('outline-style', 'solid');
  await expect(highlight(page, a.id).first()).toHaveCSS('outline-style', 'none');
  await page.keyboard.press('Enter');
  await expect(panelHeading(page)).toHaveText('Source · Approved ✓');
  await expect(panelHeading(page)).toBeFocused();
  // With the panel open, J moves the panel along.
  await page.keyboard.press('j');
  await expect(panelHeading(page)).toHaveText('Event · Pending');
  await page.keyboard.press('Escape');
  await expect(panelPlaceholder(page)).toBeVisible();
  await expect(annotatorText(page)).toBeFocused();
});

test('the legend counts highlights and filters them by kind, status and author', async ({ page, researcher, reviewer }) => {
  const article = await createTestArticle('Numbers', 'One two three four five six seven eight nine ten eleven twelve.');
  const myClaim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'two three' });
  const myEvent = await createTestAnnotation(article, researcher, { kind: 'event', quote: 'five six', status: 'approved' });
  const theirSource = await createTestAnnotation(article, reviewer, { kind: 'source', quote: 'eight nine', status: 'rejected' });
  const theirClaim = await createTestAnnotation(article, reviewer, { kind: 'claim', quote: 'eleven twelve' });
  const all = [myClaim, myEvent, theirSource, theirClaim];
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  const box = legend(page);
  const heading = box.getByRole('heading');
  await expect(heading).toHaveText('Highlights (4)');
  const counts: [string, 'checkbox' | 'radio', RegExp, string][] = [
    ['claim', 'checkbox', /^Claim/, '2'],
    ['event', 'checkbox', /^Event/, '1'],
    ['source', 'checkbox', /^Source/, '1'],
    ['pending', 'checkbox', /^Pending/, '2'],
    ['approved', 'checkbox', /^Approved/, '1'],
    ['rejected', 'checkbox', /^Rejected/, '1'],
    ['everyone', 'radio', /^Everyone/, '4'],
    ['mine', 'radio', /^Mine/, '2'],
    ['others', 'radio', /^Others/, '2'],
  ];
  for (const [key, role, name, count] of counts) {
    const control = box.getByRole(role, { name });
    await expect(control).toBeChecked({ checked: key !== 'mine' && key !== 'others' });
    await expect(control).toHaveAccessibleName(new RegExp(`${String(name.source)}.* ${count}$`));
  }

  const hidden = async (shownIds: { id: string }[]) => {
    for (const a of all) {
      const span = highlight(page, a.id);
      if (shownIds.includes(a)) await expect(span).not.toHaveCSS('border-bottom-color', 'rgba(0, 0, 0, 0)');
      else {
        await expect(span).toHaveCSS('border-bottom-color', 'rgba(0, 0, 0, 0)');
        await expect(span).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
      }
    }
  };

  await box.getByRole('checkbox', { name: /^Claim/ }).uncheck();
  await expect(heading).toHaveText('Highlights (2 of 4 shown)');
  await expect(annotatorText(page)).toHaveClass(/\bf-hide-claim\b/);
  await hidden([myEvent, theirSource]);
  // A hidden highlight cannot be opened, and J skips it.
  await clickWord(page, 'twelve');
  await expect(panelPlaceholder(page)).toBeVisible();
  await page.keyboard.press('j');
  await expect(announcement(page)).toContainText('Event 1 of 2: “five six”');

  await box.getByRole('checkbox', { name: /^Rejected/ }).uncheck();
  await expect(heading).toHaveText('Highlights (1 of 4 shown)');
  await hidden([myEvent]);

  await box.getByRole('checkbox', { name: /^Claim/ }).check();
  await box.getByRole('checkbox', { name: /^Rejected/ }).check();
  await box.getByRole('radio', { name: /^Others/ }).check();
  await expect(heading).toHaveText('Highlights (2 of 4 shown)');
  await hidden([theirSource, theirClaim]);

  await box.getByRole('radio', { name: /^Mine/ }).check();
  await box.getByRole('checkbox', { name: /^Approved/ }).uncheck();
  await expect(heading).toHaveText('Highlights (1 of 4 shown)');
  await hidden([myClaim]);

  await box.getByRole('radio', { name: /^Everyone/ }).check();
  await box.getByRole('checkbox', { name: /^Approved/ }).check();
  await expect(heading).toHaveText('Highlights (4)');
  await hidden(all);
});
