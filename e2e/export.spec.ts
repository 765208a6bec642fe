import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { annotationDetail, listAnnotations } from './support/annotator.ts';
import { createTestAnnotation, createTestArticle, createTestRelation, expect, signIn, test } from './support/fixtures.ts';

// Exporting from the UI (issue 6, point 1): the article page's Export menu is a plain GET form
// to /api/export, answered with an attachment.
async function download(page: Page, options: { format: string; status: 'approved' | 'all'; bom?: boolean }): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  await menu.getByLabel('Format').selectOption(options.format);
  await menu.getByLabel(options.status === 'approved' ? 'Approved only' : 'All, with their status').check();
  await menu.getByLabel('CSV for spreadsheets (UTF-8 with BOM)').setChecked(options.bom ?? false);
  const [file] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Download' }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** The file names of a zip, from its central directory. */
function zipNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    names.push(zip.subarray(p + 46, p + 46 + nameLength).toString('utf8'));
    p += 46 + nameLength + extra;
  }
  return names;
}

test('export an article as JSONL, CSV, W3C and brat from its page', async ({ page, researcher }) => {
  const article = await createTestArticle('Exported story', 'The council said the bridge, "closed since May", reopens on Friday, a spokesperson said.');
  // A note stored with line separators and a C1 control character (from before the API refused those).
  const claim = await createTestAnnotation(article, researcher, {
    kind: 'claim',
    status: 'approved',
    quote: 'the bridge, "closed since May", reopens on Friday',
    note: 'Check\u2028the\u0085date\u2029again',
  });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', status: 'pending', quote: 'a spokesperson' });
  await createTestRelation(claim, source, researcher);

  await signIn(page, researcher);
  await page.goto(`/articles/${article.id}`);

  // JSONL, approved only: the approved claim, no pending source, no relation to it.
  const approved = await download(page, { format: 'jsonl', status: 'approved' });
  expect(approved.name).toMatch(/^newsmark-approved-\d{8}\.jsonl$/);
  const lines = approved.bytes.toString('utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]!) as {
    article: { id: string; text: string };
    annotations: { id: string; exact: string; status: string }[];
    relations: unknown[];
  };
  expect(line.article).toMatchObject({ id: article.id, text: article.text });
  expect(line.annotations.map((a) => [a.exact, a.status])).toEqual([['the bridge, "closed since May", reopens on Friday', 'approved']]);
  expect(line.relations).toEqual([]);

  // JSONL, all: both annotations with their status, and the relation.
  const all = JSON.parse((await download(page, { format: 'jsonl', status: 'all' })).bytes.toString('utf8')) as typeof line;
  expect(all.annotations.map((a) => [a.exact, a.status])).toEqual([
    ['the bridge, "closed since May", reopens on Friday', 'approved'],
    ['a spokesperson', 'pending'],
  ]);
  expect(all.relations).toHaveLength(1);

  // CSV with a BOM: RFC 4180 quoting of the quote's double quotes.
  const csv = await download(page, { format: 'csv', status: 'all', bom: true });
  expect(csv.name).toMatch(/^newsmark-all-\d{8}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = csv.bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  expect(rows[0]).toMatch(/^article_id,article_title,annotation_id,kind,start,end,quote,note,attributes,status,/);
  expect(rows).toHaveLength(3);
  expect(rows[1]).toContain('"the bridge, ""closed since May"", reopens on Friday"');
  expect(rows[1]).toContain(',approved,');
  expect(rows[2]).toContain(',a spokesperson,');
  expect(rows[2]).toContain(',pending,');

  // W3C: the AnnotationCollection at the top, its one page embedded as first (issue 12, point 5).
  const w3c = await download(page, { format: 'w3c', status: 'all' });
  expect(w3c.name).toMatch(/^newsmark-all-\d{8}\.jsonld$/);
  const collection = JSON.parse(w3c.bytes.toString('utf8')) as Record<string, unknown> & { first: { items: { motivation: string }[] } };
  expect(collection).toMatchObject({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    total: 3,
    first: { type: 'AnnotationPage', startIndex: 0 },
  });
  expect(collection.first.items.map((a) => a.motivation)).toEqual(['tagging', 'tagging', 'linking']);
  expect(collection).not.toHaveProperty('@included');
  expect(collection).not.toHaveProperty('@graph');

  // brat: a zip with the article's .txt and .ann, and annotation.conf.
  const brat = await download(page, { format: 'brat', status: 'all' });
  expect(brat.name).toMatch(/^newsmark-all-\d{8}\.zip$/);
  expect(zipNames(brat.bytes)).toEqual([`${article.id}.txt`, `${article.id}.ann`, 'annotation.conf']);
  const files = unzipSync(new Uint8Array(brat.bytes));
  expect(strFromU8(files[`${article.id}.txt`]!)).toBe(article.text);
  const ann = strFromU8(files[`${article.id}.ann`]!).split('\n');
  expect(ann).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^T\d+\tClaim \d+ \d+\tthe bridge, "closed since May", reopens on Friday$/),
      expect.stringMatching(/^T\d+\tSource \d+ \d+\ta spokesperson$/),
      expect.stringMatching(/^R1\tAttributedTo Arg1:T\d+ Arg2:T\d+$/),
      expect.stringMatching(/^#1\tAnnotatorNotes T\d+\tCheck the date again$/),
    ]),
  );
  // No line breaks where brat (Python's splitlines) would see one.
  expect(strFromU8(files[`${article.id}.ann`]!)).not.toMatch(/[\v\f\x1c-\x1e\x85\u2028\u2029]/u);
});

test('an export downloaded from the UI imports back through /import with its annotations, statuses and relation', async ({ page, admin, researcher }) => {
  const t = randomBytes(4).toString('hex');
  const article = await createTestArticle(`Round trip ${t}`, `Round trip ${t}: the mayor said the ferry resumes in March, officials confirmed.`);
  const claim = await createTestAnnotation(article, researcher, { kind: 'claim', status: 'approved', quote: 'the ferry resumes in March' });
  const source = await createTestAnnotation(article, researcher, { kind: 'source', status: 'pending', quote: 'officials' });
  await createTestRelation(claim, source, researcher);

  await signIn(page, admin);
  await page.goto(`/articles/${article.id}`);
  const exported = (await download(page, { format: 'jsonl', status: 'all' })).bytes.toString('utf8');
  // A reprint of the story (the same text and one more sentence) is a new article, so the import creates it.
  const line = JSON.parse(exported) as { article: { title: string; text: string } };
  const reprint = { ...line, article: { ...line.article, title: `Reprint ${t}`, text: `${line.article.text} Reprinted ${t}.` } };

  await page.goto('/import');
  await page
    .getByLabel('Choose files to import')
    .setInputFiles([{ name: `export-${t}.jsonl`, mimeType: 'application/x-ndjson', buffer: Buffer.from(`${JSON.stringify(reprint)}\n`) }]);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(page.getByRole('list', { name: 'Files' })).toContainText(/Done · 1 created, 0 duplicate, 0 failed · 2 annotations, 1 relation(?!s)/);
  const report = page.getByRole('region', { name: /^Import of / });
  await expect(report.getByRole('status')).toContainText(/2 annotations and 1 relation added/);
  await report.getByRole('link', { name: `Open the new article: Reprint ${t}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Reprint ${t}`);

  const articleId = page.url().split('/articles/')[1]!.split(/[?#]/)[0]!;
  const imported = await listAnnotations(page, articleId);
  expect(imported.map((a) => [a.exact, a.status, a.author.name])).toEqual([
    ['the ferry resumes in March', 'approved', researcher.name],
    ['officials', 'pending', researcher.name],
  ]);
  await expect(page.locator('[data-annotator-text] span[data-id]').first()).toBeVisible();
  expect((await annotationDetail(page, imported[0]!.id)).relations).toEqual([
    expect.objectContaining({ type: 'attributed_to', other: expect.objectContaining({ exact: 'officials' }) }),
  ]);
});
