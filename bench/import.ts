/**
 * `npm run bench:import`: 10,000 generated articles of ~4 KB through the real import service
 * (parse, normalise, hash, deduplicate, batch insert, audit, job results), against the same rows
 * written into the same table by COPY, in the same run on fresh databases of one server.
 * Target (issue 3): import at >= 25% of COPY's rate, memory flat as the count grows.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createImportJob, importParsedItems } from '../lib/import-jobs/mutations.ts';
import { contentHash, normalizeArticleText } from '../lib/articles/normalize.ts';
import { parseImportItem } from '../lib/articles/parse/index.ts';
import { db, disconnectDb } from '../lib/db.ts';
import { cloneDatabase, createTemplateDatabase, startTestServer } from '../scripts/lib/test-database.ts';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const CHUNK = 1_000;
const SENTENCES = [
  'The council voted to delay the harbour project, according to minutes seen by reporters.',
  '“We will not sign anything before the audit is done,” the mayor said on Tuesday.',
  'Officials at the water authority declined to comment on the leaked report.',
  'A spokesperson for the contractor said the company had met every deadline — a claim residents dispute.',
  'Figures published in March show the cost rose by 14 percent between 2021 and 2024.',
];

/** Article i as an API client would send it: ~4 KB in paragraphs, unique by its number. */
function rawArticle(i: number, run: string) {
  const paragraphs: string[] = [];
  let length = 0;
  for (let p = 0; length < 4_000; p++) {
    const paragraph = Array.from({ length: 4 }, (_, s) => SENTENCES[(i + p + s) % SENTENCES.length]).join(' ');
    paragraphs.push(p === 0 ? `Report ${run}-${i}. ${paragraph}` : paragraph);
    length += paragraph.length + 2;
  }
  return { title: `Generated report ${run}-${i}`, text: paragraphs.join('\n\n'), source: 'Bench Wire', publishedAt: '2026-03-14' };
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function benchImport(run: string): Promise<{ seconds: number; rssByCount: [number, number][] }> {
  if (!globalThis.gc) console.warn('Run with node --expose-gc for heap figures after collection.');
  const user = await db().user.create({ data: { email: `bench-${run}@bench.example`, name: 'Bench', role: 'ADMIN', passwordHash: 'x' } });
  const admin = { id: user.id, role: 'ADMIN' as const, disabled: false };
  const jobId = await createImportJob(admin);
  const rssByCount: [number, number][] = [];
  const start = performance.now();
  for (let offset = 0; offset < COUNT; offset += CHUNK) {
    const items = Array.from({ length: Math.min(CHUNK, COUNT - offset) }, (_, k) => parseImportItem(rawArticle(offset + k, run), `#${offset + k + 1}`));
    const outcome = await importParsedItems(admin, jobId, items);
    if (!outcome.ok || outcome.value.created !== items.length)
      throw new Error(`import did not create every article: ${JSON.stringify(outcome.ok ? outcome.value.failed : outcome.error)}`);
    // Live heap after a full collection: what the import holds on to, without GC timing noise.
    globalThis.gc?.();
    rssByCount.push([offset + items.length, process.memoryUsage().heapUsed]);
  }
  return { seconds: (performance.now() - start) / 1000, rssByCount };
}

const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`;

async function benchCopy(url: string, run: string): Promise<number> {
  const now = new Date().toISOString();
  // Rows are prepared before the clock starts: COPY is the floor of what writing costs.
  const rows = Array.from({ length: COUNT }, (_, i) => {
    const raw = rawArticle(i, run);
    const text = normalizeArticleText(raw.text);
    return (
      [randomBytes(12).toString('hex'), raw.title, text, contentHash(text), raw.source, '2026-03-14T00:00:00.000Z', now, now].map(csvField).join(',') + '\n'
    );
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = performance.now();
  await pipeline(
    Readable.from(rows),
    client.query(
      copyFrom('COPY "Article" ("id", "title", "text", "contentHash", "source", "publishedAt", "createdAt", "updatedAt") FROM STDIN WITH (FORMAT csv)'),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return seconds;
}

async function main() {
  const server = await startTestServer();
  try {
    await createTemplateDatabase(server.serverUrl);
    const run = randomBytes(3).toString('hex');
    const copySeconds = await benchCopy(await cloneDatabase(`bench_copy_${run}`, server.serverUrl), run);
    const rssBefore = process.memoryUsage().rss;
    process.env.DATABASE_URL = await cloneDatabase(`bench_import_${run}`, server.serverUrl);
    const imported = await benchImport(run);
    await disconnectDb();

    const importRate = COUNT / imported.seconds;
    const copyRate = COUNT / copySeconds;
    console.log(`\nImport of ${COUNT.toLocaleString('en')} articles of ~4 KB (batches of 200, one job)`);
    console.log(`${'path'.padEnd(34)} ${'seconds'.padStart(8)} ${'articles/s'.padStart(11)}  ratio`);
    console.log(`${'COPY (reference)'.padEnd(34)} ${copySeconds.toFixed(2).padStart(8)} ${copyRate.toFixed(0).padStart(11)}  1.00`);
    console.log(
      `${'import service (parse+dedup+write)'.padEnd(34)} ${imported.seconds.toFixed(2).padStart(8)} ${importRate.toFixed(0).padStart(11)}  ${(importRate / copyRate).toFixed(2)} of COPY (target >= 0.25)`,
    );
    console.log(`\nLive heap after GC as the count grows: ${imported.rssByCount.map(([n, heap]) => `${n.toLocaleString('en')}: ${mb(heap)}`).join(', ')}`);
    console.log(`Peak RSS of the whole run: ${mb(peakRss)} (${mb(rssBefore)} before the import began, COPY's prepared rows included)`);
  } finally {
    clearInterval(sampler);
    await server.close();
  }
}

await main();
