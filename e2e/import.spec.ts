import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { expect, signIn, test } from './support/fixtures.ts';

const tag = () => randomBytes(4).toString('hex');

test('an admin imports several files by drop, follows their progress and results, and opens a new article', async ({ page, admin }) => {
  const t = tag();
  await signIn(page, admin);
  await page.goto('/import');
  await page.getByLabel('Choose files to import').setInputFiles([
    {
      name: `story-${t}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`Harbour wall gives way ${t}\n\nThe harbour wall gave way on Tuesday, officials said.\n\n“We saw it coming,” said 佐藤 美咲 🌊.`),
    },
    {
      name: `page-${t}.html`,
      mimeType: 'text/html',
      buffer: Buffer.from(
        `<html lang="en"><head><title>Bridge closed ${t}</title><script>alert(1)</script></head><body><nav>Menu</nav><article><h1>Bridge closed ${t}</h1><p>The bridge closed at noon.</p></article></body></html>`,
      ),
    },
    {
      name: `feed-${t}.jsonl`,
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`{"title":"Feed item ${t}","text":"A feed item about the budget ${t}."}\n{not json\n`),
    },
    { name: `empty-${t}.txt`, mimeType: 'text/plain', buffer: Buffer.from('   \n\n  ') },
  ]);
  const files = page.getByRole('list', { name: 'Files' });
  await expect(files.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('progressbar', { name: 'Whole import' })).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByRole('progressbar', { name: `Progress of story-${t}.txt` })).toHaveAttribute('aria-valuenow', '0');
  await page.getByRole('button', { name: 'Import 4 files' }).click();

  await expect(files.getByRole('listitem', { name: `story-${t}.txt` })).toContainText('Done · 1 created, 0 duplicate, 0 failed');
  await expect(files.getByRole('listitem', { name: `feed-${t}.jsonl` })).toContainText('1 created, 0 duplicate, 1 failed');
  await expect(files.getByRole('listitem', { name: `empty-${t}.txt` })).toContainText('0 created, 0 duplicate, 1 failed');
  await expect(page.getByRole('progressbar', { name: 'Whole import' })).toHaveAttribute('aria-valuenow', '100');
  for (const name of [`story-${t}.txt`, `page-${t}.html`, `feed-${t}.jsonl`, `empty-${t}.txt`]) {
    await expect(page.getByRole('progressbar', { name: `Progress of ${name}` })).toHaveAttribute('aria-valuenow', '100');
  }

  // The stored job is what the page shows now, and a reload shows it again.
  await expect(page).toHaveURL(/\/import\?job=/);
  const report = page.getByRole('region', { name: /^Import of / });
  await expect(report.getByRole('status')).toContainText('Finished · 5 items: 3 created, 0 duplicate, 2 failed');
  await page.reload();
  await expect(report.getByRole('status')).toContainText('Finished · 5 items: 3 created, 0 duplicate, 2 failed');
  await expect(report.getByRole('row', { name: new RegExp(`empty-${t}.txt`) })).toContainText('The article has no text.');
  // Other tests import in parallel: find this admin's job in the list.
  await expect(page.getByRole('list', { name: 'Recent imports' }).getByRole('listitem').filter({ hasText: admin.name })).toContainText(
    '3 created, 0 duplicate, 2 failed',
  );

  await report
    .getByRole('row', { name: new RegExp(`story-${t}.txt`) })
    .getByRole('link', { name: `Open the new article: Harbour wall gives way ${t}` })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Harbour wall gives way ${t}`);
  await expect(page.locator('article p[data-start]').last()).toHaveText('“We saw it coming,” said 佐藤 美咲 🌊.');
});

test('importing the same file again reports duplicates linking the existing articles', async ({ page, admin }) => {
  const t = tag();
  const file = { name: `again-${t}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Repeat story ${t}\n\nThe same text twice ${t}.`) };
  await signIn(page, admin);
  await page.goto('/import');
  await page.getByLabel('Choose files to import').setInputFiles([file]);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(page.getByRole('list', { name: 'Files' })).toContainText('1 created');
  await page.getByLabel('Choose files to import').setInputFiles([file]);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(page.getByRole('list', { name: 'Files' })).toContainText('0 created, 1 duplicate');
  const report = page.getByRole('region', { name: /^Import of / });
  await report.getByRole('link', { name: `Open the existing article: Repeat story ${t}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Repeat story ${t}`);
});

test('an admin pastes an article', async ({ page, admin }) => {
  const t = tag();
  await signIn(page, admin);
  await page.goto('/import');
  const form = page.getByRole('form', { name: 'Paste an article' });
  await form.getByLabel('Title (optional)').fill(`Pasted piece ${t}`);
  await form.getByLabel('Source (optional)').fill('Paste Gazette');
  await form.getByLabel('Text').fill(`A pasted paragraph ${t}.\n\nAnd a second one.`);
  await form.getByRole('button', { name: 'Import text' }).click();
  const report = page.getByRole('region', { name: /^Import of / });
  await expect(report.getByRole('status')).toContainText('1 created');
  await report.getByRole('link', { name: `Open the new article: Pasted piece ${t}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pasted piece ${t}`);
  await expect(page.getByText('Paste Gazette')).toBeVisible();
});

test('the API imports JSON and NDJSON with per-item results', async ({ page, admin }) => {
  const t = tag();
  await signIn(page, admin);
  const json = await page.request.post('/api/articles', {
    data: { articles: [{ title: `API one ${t}`, text: `Body one ${t}.` }, { text: '' }, { html: `<p>Body two ${t}</p>`, title: `API two ${t}` }] },
  });
  expect(json.status()).toBe(201);
  const body = await json.json();
  expect(body).toMatchObject({ created: 2, duplicates: 0, failed: 1, jobId: expect.any(String) });
  expect(body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'failed', 'created']);

  const ndjson = await page.request.post('/api/articles', {
    headers: { 'content-type': 'application/x-ndjson' },
    data: `{"title":"API three ${t}","text":"Body one ${t}."}\n{"title":"x"`,
  });
  expect(ndjson.status()).toBe(201);
  expect(await ndjson.json()).toMatchObject({ created: 0, duplicates: 1, failed: 1 });

  expect((await page.request.post('/api/articles', { headers: { 'content-type': 'text/csv' }, data: 'title,text' })).status()).toBe(415);
  expect((await page.request.post('/api/articles', { data: { nope: true } })).status()).toBe(400);
  const tooMany = await page.request.post('/api/articles', { data: { articles: Array.from({ length: 10_001 }, () => ({ text: 'x' })) } });
  expect(tooMany.status()).toBe(413);
});

test('a researcher can neither reach /import nor POST /api/articles', async ({ page, researcher }) => {
  await signIn(page, researcher);
  expect((await page.goto('/import'))?.status()).toBe(404);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' })).toHaveCount(0);
  const response = await page.request.post('/api/articles', { data: { articles: [{ text: 'Sneaky article.' }] } });
  expect(response.status()).toBe(403);
  expect((await page.request.post('/api/import-jobs')).status()).toBe(403);
});

test('a long file (10,000 rows) shows how many items are in so far, and the job summary answers without its results', async ({ page, admin }) => {
  test.setTimeout(120_000);
  const t = tag();
  const rows = Array.from({ length: 10_000 }, (_, i) => `"Row ${i} ${t}","Text of row ${i} ${t}, long enough to read."`).join('\n');
  await signIn(page, admin);
  await page.goto('/import');
  await page.getByLabel('Choose files to import').setInputFiles([{ name: `big-${t}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`title,text\n${rows}\n`) }]);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  const file = page.getByRole('list', { name: 'Files' }).getByRole('listitem', { name: `big-${t}.csv` });
  await expect(file).toContainText(/items so far/);
  // 10,000 rows take a while beside the other tests running in parallel.
  await expect(file).toContainText('Done · 10,000 created, 0 duplicate, 0 failed', { timeout: 60_000 });

  const jobId = new URL(page.url()).searchParams.get('job')!;
  const summary = await (await page.request.get(`/api/import-jobs/${jobId}?results=false`)).json();
  expect(summary).toMatchObject({ state: 'done', totalItems: 10_000, created: 10_000 });
  expect(summary.results).toBeUndefined();
  expect((await page.request.get(`/api/import-jobs/${jobId}?results=maybe`)).status()).toBe(400);
});

test('a job page follows an import that another client is feeding, without a reload', async ({ page, admin }) => {
  const t = tag();
  await signIn(page, admin);
  const { id } = await (await page.request.post('/api/import-jobs')).json();
  await page.goto(`/import?job=${id}`);
  const report = page.getByRole('region', { name: /^Import of / });
  await expect(report.getByRole('status')).toContainText('Starting · 0 items');

  const fed = await page.request.post(`/api/articles?jobId=${id}`, { data: { articles: [{ title: `Fed elsewhere ${t}`, text: `Fed by a script ${t}.` }] } });
  expect(fed.status()).toBe(201);
  await expect(report.getByRole('status')).toContainText('In progress · 1 item: 1 created');
  await expect(report.getByRole('link', { name: `Open the new article: Fed elsewhere ${t}` })).toBeVisible();

  expect((await page.request.post(`/api/import-jobs/${id}/finish`)).status()).toBe(200);
  await expect(report.getByRole('status')).toContainText('Finished · 1 item: 1 created');
});

test('an admin imports a brat corpus (.zip) and reads what was left out', async ({ page, admin }) => {
  const t = tag();
  const text = `Brat corpus ${t}\n\nThe dam holds, engineers say.`;
  const at = (quote: string) => [text.indexOf(quote), text.indexOf(quote) + quote.length].join(' ');
  const ann = [
    `T1\tClaim ${at('The dam holds')}\tThe dam holds`,
    `T2\tSource ${at('engineers')}\tengineers`,
    `T3\tPerson ${at('engineers')}\tengineers`,
    'R1\tAttributedTo Arg1:T1 Arg2:T2',
    '',
  ].join('\n');
  const zip = zipSync({
    [`corpus-${t}/doc.txt`]: strToU8(text),
    [`corpus-${t}/doc.ann`]: strToU8(ann),
    [`corpus-${t}/annotation.conf`]: strToU8('[entities]\nClaim\n'),
  });
  await signIn(page, admin);
  await page.goto('/import');
  await page.getByLabel('Choose files to import').setInputFiles([{ name: `brat-${t}.zip`, mimeType: 'application/zip', buffer: Buffer.from(zip) }]);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(page.getByRole('list', { name: 'Files' })).toContainText(/1 created, 0 duplicate, 0 failed · 2 annotations, 1 relation(?!s)/);
  const report = page.getByRole('region', { name: /^Import of / });
  await expect(report.getByRole('row', { name: new RegExp(`brat-${t}\\.zip: corpus-${t}/doc`) })).toContainText(
    'Left out annotations of types this tool does not have: Person (1).',
  );
  await expect(report.getByRole('row', { name: new RegExp(`brat-${t}\\.zip`) })).toContainText('2 annotations, 1 relation added');
});

test('a JSONL export larger than 10 MB streams through the real server whole', async ({ page, admin }) => {
  test.setTimeout(120_000);
  const t = tag();
  // Approved, so these 2,600 stay out of the review queue the other tests work in.
  const filler = 'The harbour authority published its quarterly figures on shipping, dredging and berth use. '.repeat(48);
  const lines = Array.from({ length: 2_600 }, (_, i) => {
    const text = `Big export ${t} number ${i}: the ferry resumes in March, officials said. ${filler}`;
    const start = text.indexOf('the ferry');
    return JSON.stringify({
      article: { title: `Big export ${t} #${i}`, text },
      annotations: [{ id: 'a', kind: 'claim', start, end: start + 'the ferry resumes in March'.length, status: 'approved', decision: { decision: 'approve' } }],
      relations: [],
    });
  });
  const body = `${lines.join('\n')}\n`;
  expect(Buffer.byteLength(body)).toBeGreaterThan(11 * 1024 * 1024);
  await signIn(page, admin);
  const response = await page.request.post(`/api/import/annotations?name=big-${t}.jsonl`, {
    headers: { 'content-type': 'application/x-ndjson' },
    data: body,
    timeout: 110_000,
  });
  expect(response.status()).toBe(201);
  const outcome = (await response.json()) as { created: number; failed: number; annotations: number; results: { name: string }[] };
  expect(outcome).toMatchObject({ created: 2_600, failed: 0, annotations: 2_600 });
  expect(outcome.results.at(-1)!.name).toBe(`big-${t}.jsonl line 2600`);
});
