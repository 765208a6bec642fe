import {
  annotationDetail,
  annotatorText,
  clickWord,
  dragOverWords,
  highlight,
  listAnnotations,
  openAnnotator,
  panel,
  panelHeading,
  panelPlaceholder,
  panelReload,
  toolbar,
} from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, createTestRelation, expect, signIn, test } from './support/fixtures.ts';

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
  await toolbar(page)
    .getByRole('button', { name: /Source/ })
    .click();
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
  await expect
    .poll(async () => (await listAnnotations(page, article.id)).map(({ kind, exact }) => ({ kind, exact })))
    .toEqual([{ kind: 'claim', exact: 'the harbour bridge' }]);
  const [saved] = await listAnnotations(page, article.id);

  await page.reload();
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
  await expect(highlight(page, saved!.id)).toHaveText('the harbour bridge');
  await expect(highlight(page, saved!.id)).toHaveClass(/\bk-claim\b/);
});

const FERRY = [
  'Residents reported that the ferry terminal flooded overnight, the coastguard said.',
  'The council will vote on repairs next week, according to a spokesperson.',
].join('\n\n');

test('a researcher attributes a claim to a source, links it to a new event, comments and edits its note and attributes', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry terminal flooded', FERRY);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry terminal flooded overnight' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'the coastguard' });
  await signIn(page, researcher);
  await openAnnotator(page, article.id);
  const relations = panel(page).getByRole('region', { name: 'Relations' });

  // Pick mode: "Attribute to source…", then a click on the source's highlight.
  await clickWord(page, 'terminal');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await panel(page).getByRole('button', { name: 'Attribute to source…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Attribute to source: click a source highlight' })).toBeVisible();
  await clickWord(page, 'coastguard');
  await expect(page.getByText('Linked: attributed to the source.')).toBeVisible();
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(relations.getByRole('listitem')).toHaveText([/Attributed to:\s*Source “the coastguard”/]);
  // An attributed claim cannot be marked unattributed.
  await expect(panel(page).getByRole('checkbox', { name: /Unattributed on purpose/ })).toBeDisabled();
  expect((await annotationDetail(page, claim.id)).relations).toMatchObject([
    { type: 'attributed_to', direction: 'outgoing', other: { id: source.id, kind: 'source' } },
  ]);

  // The other end shows it too, and leads back.
  await relations.getByRole('button', { name: /Source “the coastguard”/ }).click();
  await expect(panelHeading(page)).toHaveText('Source · Pending');
  await expect(relations.getByRole('listitem')).toHaveText([/Source of:\s*Claim “the ferry terminal flooded overnight”/]);
  await relations.getByRole('button', { name: /Claim “the ferry terminal/ }).click();
  await expect(panelHeading(page)).toHaveText('Claim · Pending');

  // "About an event…", then a new selection tagged E: the event is created and linked at once.
  await panel(page).getByRole('button', { name: 'About an event…' }).click();
  await dragOverWords(page, 'vote', 'repairs');
  await expect(toolbar(page).getByRole('button')).toHaveText([/Event/]);
  await page.keyboard.press('e');
  await expect(page.getByText('Linked: about the event.')).toBeVisible();
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(relations.getByRole('listitem')).toHaveCount(2);
  await expect(relations.getByRole('listitem').filter({ hasText: 'About:' })).toContainText('Event “vote on repairs”');
  const event = (await listAnnotations(page, article.id)).find((a) => a.kind === 'event');
  expect(event).toMatchObject({ exact: 'vote on repairs', author: { id: researcher.id } });
  expect((await annotationDetail(page, claim.id)).relations.map((r) => [r.type, r.other.id]).sort()).toEqual(
    [
      ['about', event!.id],
      ['attributed_to', source.id],
    ].sort(),
  );

  // A comment.
  await panel(page).getByLabel('New comment').fill('Which coastguard station said so?');
  await panel(page).getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = panel(page).getByRole('list', { name: 'Comments' }).getByRole('listitem');
  await expect(comments).toHaveCount(1);
  await expect(comments.first()).toContainText(researcher.name);
  await expect(comments.first()).toContainText('Which coastguard station said so?');
  await expect(panel(page).getByLabel('New comment')).toHaveValue('');

  // Note and attributes.
  await panel(page).getByLabel('Note', { exact: true }).fill('Check with the harbour master.');
  await panel(page).getByLabel('Claim type').selectOption('Factual');
  await panel(page).getByLabel('Checkworthy').selectOption('Yes');
  await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await annotationDetail(page, claim.id)).toMatchObject({
    note: 'Check with the harbour master.',
    attributes: { type: 'factual', checkworthy: true },
    version: 2,
  });

  // All of it is there after a reload.
  await page.reload();
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
  await clickWord(page, 'terminal');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(panel(page).getByLabel('Note', { exact: true })).toHaveValue('Check with the harbour master.');
  await expect(panel(page).getByLabel('Claim type')).toHaveValue('factual');
  await expect(panel(page).getByLabel('Checkworthy')).toHaveValue('yes');
  await expect(relations.getByRole('listitem')).toHaveCount(2);
  await expect(comments).toHaveText([/Which coastguard station said so\?/]);
});

test('a researcher changes the kind of an annotation, and cannot while it is linked', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry terminal, kinds', FERRY);
  const loose = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'The council will vote on repairs next week' });
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry terminal flooded overnight' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'the coastguard' });
  await createTestRelation(claim, source, researcher);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  await clickWord(page, 'council');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  const reloaded = panelReload(page, loose.id);
  await panel(page).getByRole('combobox', { name: 'Kind' }).selectOption('Event');
  await expect(panelHeading(page)).toHaveText('Event · Pending');
  await expect(highlight(page, loose.id)).toHaveClass(/\bk-event\b/);
  // Wait for the server: the panel reloads the annotation when its version moves, resetting the form.
  await expect(panel(page).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(panel(page)).toContainText('version 2');
  await reloaded;
  // The fields follow the kind.
  await expect(panel(page).getByLabel('Claim type')).toHaveCount(0);
  await panel(page).getByLabel(/^Date/).fill('2024-05');
  await panel(page).getByLabel('Place').fill('Town hall');
  await panel(page)
    .getByLabel(/^Participants/)
    .fill('council, mayor');
  await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await annotationDetail(page, loose.id)).toMatchObject({
    kind: 'event',
    attributes: { date: '2024-05', place: 'Town hall', participants: ['council', 'mayor'] },
  });

  // An invalid date is refused in the form, and nothing is sent.
  await panel(page).getByLabel(/^Date/).fill('May 2024');
  await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'Check the highlighted fields.' })).toBeVisible();
  await expect(panel(page).getByLabel(/^Date/)).toHaveAttribute('aria-invalid', 'true');
  expect((await annotationDetail(page, loose.id)).attributes).toMatchObject({ date: '2024-05' });

  // A linked claim keeps its kind: the server says why, and the select goes back.
  await clickWord(page, 'terminal');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await panel(page).getByRole('combobox', { name: 'Kind' }).selectOption('Source');
  await expect(page.getByRole('alert').filter({ hasText: 'remove its relations before changing its kind' })).toBeVisible();
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(panel(page).getByRole('combobox', { name: 'Kind' })).toHaveValue('claim');
  await expect(highlight(page, claim.id)).toHaveClass(/\bk-claim\b/);
  expect((await annotationDetail(page, claim.id)).kind).toBe('claim');
});

test('a researcher deletes an annotation: it is gone from the text at once and from the server after the undo window', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry terminal, delete', FERRY);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry terminal flooded overnight' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'the coastguard' });
  await createTestRelation(claim, source, researcher);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  await clickWord(page, 'terminal');
  await panel(page).getByRole('button', { name: 'Delete annotation (Del)' }).click();
  await expect(highlight(page, claim.id)).toHaveCount(0);
  await expect(panelPlaceholder(page)).toBeVisible();
  const toast = page.getByRole('status').filter({ hasText: 'Claim deleted' });
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  // Still on the server during the undo window, then deleted (its relation with it).
  expect((await listAnnotations(page, article.id)).map((a) => a.id)).toContain(claim.id);
  await expect.poll(async () => (await listAnnotations(page, article.id)).map((a) => a.id), { timeout: 12_000 }).toEqual([source.id]);
  await expect(toast).toHaveCount(0);
  expect((await annotationDetail(page, source.id)).relations).toEqual([]);

  await page.reload();
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
  await expect(annotatorText(page).locator('span[data-id]')).toHaveCount(1);
});

test('Undo brings a deleted annotation back, and the server never deletes it', async ({ page, researcher }) => {
  const article = await createTestArticle('Ferry terminal, undo', FERRY);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', quote: 'the ferry terminal flooded overnight' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', quote: 'the coastguard' });
  await createTestRelation(claim, source, researcher);
  const deletes: string[] = [];
  page.on('request', (r) => r.method() === 'DELETE' && deletes.push(r.url()));
  // The page's clock, so the 6 s undo window passes at once rather than in 6 real seconds (time flows as usual until then).
  await page.clock.install();
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  // The Delete key deletes the selected annotation (the text has focus after the click).
  await clickWord(page, 'terminal');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await page.keyboard.press('Delete');
  await expect(highlight(page, claim.id)).toHaveCount(0);
  // Focus stays in the text, and Ctrl+Z undoes from the keyboard.
  await expect(annotatorText(page)).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(highlight(page, claim.id)).toHaveText('the ferry terminal flooded overnight');
  // Deleted again, and this time undone with the toast's button.
  await page.keyboard.press('Delete');
  await expect(highlight(page, claim.id)).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Claim deleted' }).getByRole('button', { name: 'Undo' }).last().click();

  await expect(highlight(page, claim.id)).toHaveText('the ferry terminal flooded overnight');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(panel(page).getByRole('region', { name: 'Relations' }).getByRole('listitem')).toHaveText([/Attributed to:\s*Source “the coastguard”/]);

  // Past the 6 s window (its toasts, shown as long as the window, are gone): nothing was sent, and it is all still there after a reload.
  await page.clock.fastForward(7_000);
  await expect(page.getByRole('status').filter({ hasText: 'Claim deleted' })).toHaveCount(0);
  expect(deletes).toEqual([]);
  expect((await listAnnotations(page, article.id)).map((a) => a.id).sort()).toEqual([claim.id, source.id].sort());
  await page.reload();
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
  await expect(highlight(page, claim.id)).toHaveText('the ferry terminal flooded overnight');
  expect((await annotationDetail(page, claim.id)).relations).toHaveLength(1);
});

test('a researcher cannot edit or delete someone else’s annotation, but can discuss it', async ({ page, researcher, reviewer }) => {
  const article = await createTestArticle('Ferry terminal, not mine', FERRY);
  const theirs = await createTestAnnotation(article, reviewer, {
    kind: 'claim',
    quote: 'the ferry terminal flooded overnight',
    note: 'Reviewer’s note',
    attributes: { type: 'factual' },
  });
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  await clickWord(page, 'terminal');
  await expect(panelHeading(page)).toHaveText('Claim · Pending');
  await expect(panel(page)).toContainText(`By ${reviewer.name}`);
  await expect(panel(page).getByRole('combobox', { name: 'Kind' })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: 'Delete annotation (Del)' })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: /Move the (start|end)/ })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: /^(Start|End) of the span/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Start|End) of the span/ })).toHaveCount(0);
  await expect(panel(page).getByLabel('Note', { exact: true })).toHaveValue('Reviewer’s note');
  await expect(panel(page).getByLabel('Note', { exact: true })).not.toBeEditable();
  await expect(panel(page).getByLabel('Claim type')).toBeDisabled();

  // The Delete key says why it does nothing.
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').filter({ hasText: 'You can only delete your own annotations.' })).toBeVisible();
  await expect(highlight(page, theirs.id)).toHaveCount(1);

  // The API refuses too.
  expect((await page.request.patch(`/api/annotations/${theirs.id}`, { data: { version: 1, note: 'Mine now' } })).status()).toBe(403);
  expect((await page.request.delete(`/api/annotations/${theirs.id}`)).status()).toBe(403);
  expect(await annotationDetail(page, theirs.id)).toMatchObject({ note: 'Reviewer’s note', version: 1 });

  // Commenting is open to everyone.
  await panel(page).getByLabel('New comment').fill('I think the terminal was closed, not flooded.');
  await panel(page).getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(panel(page).getByRole('list', { name: 'Comments' }).getByRole('listitem')).toHaveText([/closed, not flooded/]);
});

test('when the server refuses a new annotation, the highlight is rolled back and the reason shown', async ({ page, researcher }) => {
  const article = await createTestArticle('Harbour bridge, refused', HARBOUR);
  await signIn(page, researcher);
  await openAnnotator(page, article.id);

  const refusals = [
    { status: 409, error: { code: 'conflict', message: 'This article is archived; unarchive it to annotate it.' } },
    { status: 400, error: { code: 'invalid_input', message: 'The quote does not match the text at these offsets.' } },
  ];
  for (const [i, refusal] of refusals.entries()) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/articles/${article.id}/annotations`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await held;
      await route.fulfill({ status: refusal.status, json: { error: refusal.error } });
    });

    await dragOverWords(page, 'harbour', 'reopen');
    await page.keyboard.press(i === 0 ? 'c' : 's');
    const kind = i === 0 ? 'claim' : 'source';
    // Optimistic: drawn at once, before the server answers.
    const temporary = annotatorText(page).locator('span[data-id^="tmp-"]');
    await expect(temporary).toHaveText('harbour bridge will reopen');
    await expect(temporary).toHaveClass(new RegExp(`\\bk-${kind}\\b`));
    await expect(panel(page)).toContainText('saving…');

    release();
    await expect(page.getByRole('alert').filter({ hasText: `The ${kind} was not saved: ${refusal.error.message}` })).toBeVisible();
    await expect(annotatorText(page).locator('span[data-id]')).toHaveCount(0);
    await expect(panelPlaceholder(page)).toBeVisible();
    await page.unrouteAll({ behavior: 'wait' });
  }
  expect(await listAnnotations(page, article.id)).toEqual([]);
});
