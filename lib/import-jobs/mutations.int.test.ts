import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import type { ParsedItem } from '@/lib/articles/parse/model.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { importRequest } from '@/lib/import-requests/import-articles.ts';
import { createImportJob, finishImportJob, importParsedItems } from './mutations.ts';
import { getImportJob } from './queries.ts';

let admin: Actor;
beforeAll(async () => {
  const user = await db().user.create({ data: { email: 'importer@int.example', name: 'Importer', role: 'ADMIN', passwordHash: 'x' } });
  admin = { id: user.id, role: 'ADMIN', disabled: false };
});

const article = (text: string, url: string | null = null): ParsedItem => ({
  ok: true,
  name: text.slice(0, 20),
  article: { title: text.slice(0, 30), text, url, canonicalUrl: url, source: 'Int Wire', author: null, publishedAt: null, language: 'en' },
});
const broken = (name: string, error: string): ParsedItem => ({ ok: false, name, error });

async function run(items: ParsedItem[]) {
  const jobId = await createImportJob(admin);
  const outcome = await importParsedItems(admin, jobId, items);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe('importParsedItems', () => {
  it('creates articles, records a failed item alone, and keeps the job in step', async () => {
    const outcome = await run([article('First story text.'), broken('bad.html', 'The article has no text.'), article('Second story text.')]);
    expect(outcome.results.map((r) => r.status)).toEqual(['created', 'failed', 'created']);
    expect(outcome.results[1]).toEqual({ index: 1, name: 'bad.html', status: 'failed', error: 'The article has no text.' });
    expect(outcome.results[0]).toMatchObject({ index: 0, title: 'First story text.', status: 'created' });
    const job = await getImportJob(outcome.jobId);
    expect(job).toMatchObject({ state: 'running', totalItems: 3, created: 2, duplicates: 0, failed: 1 });
    expect(job!.results).toHaveLength(3);
    const stored = await db().article.findUniqueOrThrow({ where: { id: outcome.results[0]!.articleId! } });
    expect(stored).toMatchObject({ text: 'First story text.', importJobId: outcome.jobId, importedById: admin.id });
    expect(await db().auditEvent.count({ where: { action: 'article.import', entityId: stored.id } })).toBe(1);
  });

  it('reports a duplicate by content or by canonical URL, linking the existing article, and never stores it twice', async () => {
    const first = await run([article('The harbour flooded on Tuesday.', 'https://news.example/harbour')]);
    const existingId = first.results[0]!.articleId;
    const again = await run([
      article('The harbour flooded on Tuesday.'),
      article('A corrected text of the harbour story.', 'https://news.example/harbour'),
      article('The harbour flooded on Tuesday.'),
    ]);
    expect(again.results).toEqual([
      expect.objectContaining({ status: 'duplicate', articleId: existingId }),
      expect.objectContaining({ status: 'duplicate', articleId: existingId }),
      expect.objectContaining({ status: 'duplicate', articleId: existingId }),
    ]);
    expect(await db().article.count({ where: { canonicalUrl: 'https://news.example/harbour' } })).toBe(1);
  });

  it('gives one article when two imports of the same text race', async () => {
    const text = 'Two admins import this very text at the same moment.';
    const [a, b] = await Promise.all([run([article(text)]), run([article(text)])]);
    expect([a.results[0]!.status, b.results[0]!.status].sort()).toEqual(['created', 'duplicate']);
    expect(a.results[0]!.articleId).toBe(b.results[0]!.articleId);
    expect(await db().article.count({ where: { text } })).toBe(1);
  });

  it('writes in bounded batches, and a rerun creates only what is missing', async () => {
    const items = Array.from({ length: IMPORT_LIMITS.batchSize * 2 + 7 }, (_, i) => article(`Batch article number ${i} with its own text.`));
    const firstHalf = await run(items.slice(0, IMPORT_LIMITS.batchSize + 3));
    expect(firstHalf.created).toBe(IMPORT_LIMITS.batchSize + 3);
    const rerun = await run(items);
    expect(rerun.created).toBe(items.length - (IMPORT_LIMITS.batchSize + 3));
    expect(rerun.duplicates).toBe(IMPORT_LIMITS.batchSize + 3);
    expect(rerun.results.map((r) => r.index)).toEqual(items.map((_, i) => i));
  });

  it('numbers the items of several requests into one job in sequence, and refuses a finished job', async () => {
    const jobId = await createImportJob(admin);
    await importParsedItems(admin, jobId, [article('Job part one.'), article('Job part two.')]);
    const second = await importParsedItems(admin, jobId, [article('Job part three.')]);
    expect(second.ok && second.value.results[0]!.index).toBe(2);
    expect((await finishImportJob(jobId)).ok).toBe(true);
    expect(await getImportJob(jobId)).toMatchObject({ state: 'done', totalItems: 3, created: 3 });
    expect(await importParsedItems(admin, jobId, [article('Too late.')])).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await db().article.count({ where: { text: 'Too late.' } })).toBe(0);
  });
});

describe('importParsedItems under pressure', () => {
  it('retries a batch the database refuses item by item: only the culprit fails, with a reason, and the job adds up', async () => {
    const tooBigForTheIndex: ParsedItem = { ...article('An article whose title no index can hold.'), name: 'giant-title' };
    // 1,500 random CJK characters: 4,500 bytes that do not compress, past a B-tree entry's limit.
    if (tooBigForTheIndex.ok)
      tooBigForTheIndex.article.title = Array.from({ length: 1_500 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
    const outcome = await run([
      article('Kept before the culprit.'),
      broken('unparsable.csv row 2', 'The row has 3 fields; the header has 2.'),
      tooBigForTheIndex,
      article('Kept after the culprit.'),
    ]);
    const byName = Object.fromEntries(outcome.results.map((r) => [r.name, r]));
    expect(byName['giant-title']).toMatchObject({
      status: 'failed',
      error: 'The article is too large to be indexed for search; split it into smaller articles.',
    });
    expect(byName['unparsable.csv row 2']).toMatchObject({ status: 'failed', error: 'The row has 3 fields; the header has 2.' });
    expect(outcome.created).toBe(2);
    const job = (await getImportJob(outcome.jobId))!;
    expect(job).toMatchObject({ totalItems: 4, created: 2, failed: 2 });
    expect(job.results.map((r) => r.index).sort()).toEqual([0, 1, 2, 3]);
  });

  it('numbers items of requests feeding one job at the same time without collisions', async () => {
    const jobId = await createImportJob(admin);
    const feed = (tag: string) =>
      importParsedItems(
        admin,
        jobId,
        Array.from({ length: 30 }, (_, i) => article(`Concurrent ${tag} ${i}.`)),
      );
    await Promise.all([feed('a'), feed('b'), feed('c')]);
    const job = (await getImportJob(jobId))!;
    expect(job.totalItems).toBe(90);
    expect(new Set(job.results.map((r) => r.index)).size).toBe(90);
  });

  it('does not reopen a job finished while a request was still feeding it', async () => {
    const jobId = await createImportJob(admin);
    const feeding = importParsedItems(
      admin,
      jobId,
      Array.from({ length: IMPORT_LIMITS.batchSize * 3 }, (_, i) => article(`Late feed ${i}.`)),
    );
    await finishImportJob(jobId);
    const outcome = await feeding;
    const job = (await getImportJob(jobId))!;
    expect(job.state).toBe('done');
    if (!outcome.ok) expect(outcome.error.code).toBe('conflict');
    expect(job.results).toHaveLength(job.totalItems);
  });

  it('gives one article when two imports of one canonical URL race with different texts', async () => {
    const url = 'https://news.example/race?id=7';
    const [a, b] = await Promise.all([run([article('First wording of the raced story.', url)]), run([article('Second wording of the raced story.', url)])]);
    expect([a.results[0]!.status, b.results[0]!.status].sort()).toEqual(['created', 'duplicate']);
    expect(await db().article.count({ where: { canonicalUrl: url } })).toBe(1);
  });
});

describe('importRequest', () => {
  it('records an upload that could not be read in the report of its job, and writes no article', async () => {
    const jobId = await createImportJob(admin);
    const before = await db().article.count();
    const request = new Request('http://localhost/api/articles', { method: 'POST', body: 'not json', headers: { 'content-type': 'application/json' } });
    expect(await importRequest(admin, request, jobId)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await getImportJob(jobId))!.results).toEqual([
      { index: 0, name: 'Upload', status: 'failed', error: expect.stringMatching(/^The request body is not valid JSON: /) },
    ]);
    expect(await db().article.count()).toBe(before);
  });
});

describe('getImportJob', () => {
  it('reads a report failures first and a page at a time, as the job page shows a big job', async () => {
    const items = Array.from({ length: 30 }, (_, i) => (i % 10 === 9 ? broken(`bad ${i}`, 'Nope.') : article(`Report line ${i} text.`)));
    const outcome = await run(items);
    const page = (await getImportJob(outcome.jobId, { failuresFirst: true, limit: 5 }))!;
    expect(page.totalItems).toBe(30);
    expect(page.results.map((r) => `${r.index}:${r.status}`)).toEqual(['9:failed', '19:failed', '29:failed', '0:created', '1:created']);
    expect((await getImportJob(outcome.jobId))!.results).toHaveLength(30);
  });
});
