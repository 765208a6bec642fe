/**
 * One measured export of `npm run bench:export`, run by bench/export.ts in a process of its own
 * (`node --expose-gc --import tsx bench/export-run.ts <mode>`, DATABASE_URL set) so the peak RSS
 * it reports belongs to that export alone. It prints one JSON line (RunReport) on stdout.
 *
 *   jsonl|w3c|csv|brat  the Response app/api/export/route.ts serves for ?format=…&status=all,
 *                       its body read to the end, twice (the second run checks determinism)
 *   reference           the same annotation rows with their authors, keyset pages of a plain
 *                       SELECT on a pg client, JSON.stringify per row: the floor of reading them
 *   buffered            every item loaded first, then JSONL for all of them at once: what the
 *                       export's memory would be without streaming (informational)
 *
 * Every mode hashes (sha256) and counts the bytes it produces, the reference included, so the
 * ratios compare like with like. After the timed runs comes one more, untimed, that collects
 * garbage at every tenth of BENCH_EXPECTED_ANNOTATIONS and records the live heap: RSS also holds
 * the garbage V8 lets pile up between collections, the live heap shows what the export keeps.
 */
import { createHash, type Hash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { disconnectDb } from '../lib/db.ts';
import { jsonlLine } from '../lib/export/jsonl.ts';
import { exportDownload } from '../lib/export/download.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../lib/export/response.ts';
import { exportItems, type ExportQuery } from '../lib/export/queries.ts';
import type { ExportItem } from '../lib/export/model.ts';

export const RUN_MODES = [...EXPORT_FORMATS, 'reference', 'buffered'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export interface RunResult {
  seconds: number;
  bytes: number;
  sha256: string;
  articles: number;
  annotations: number;
  relations: number;
}

export interface RunReport {
  mode: RunMode;
  runs: RunResult[];
  /** RSS after the warm-up and a full collection, before the first measured run. */
  baselineRss: number;
  /** Highest RSS sampled (every 20 ms and after every chunk) during the measured runs. */
  sampledPeakRss: number;
  /**
   * process.resourceUsage().maxRSS (the kernel's peak, in bytes) at the baseline and at the end.
   * Start-up (tsx, the Prisma client) can peak above the baseline, so the end's value says
   * something about the runs only when it has grown since.
   */
  maxRssAtBaseline: number;
  maxRss: number;
  /** heapUsed after a full collection: at the baseline, then [annotations so far, bytes] in the untimed run. */
  baselineHeap: number;
  liveHeap: [number, number][];
}

const REFERENCE_PAGE = 5_000;

interface Counts {
  articles: number;
  annotations: number;
  relations: number;
}

let peakRss = 0;
/** The untimed run's probes: the next count at which to collect and record the live heap. */
let probe: { every: number; next: number; heap: [number, number][] } | null = null;
const probeHeap = (annotations: number) => {
  if (!probe || annotations < probe.next) return;
  globalThis.gc!();
  probe.heap.push([annotations, process.memoryUsage().heapUsed]);
  while (probe.next <= annotations) probe.next += probe.every;
};
const sampleRss = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};

/** The items passed through unchanged, counted on the way. */
async function* counted(items: AsyncIterable<ExportItem>, counts: Counts): AsyncGenerator<ExportItem> {
  for await (const item of items) {
    counts.articles++;
    counts.annotations += item.annotations.length;
    counts.relations += item.relations.length;
    probeHeap(counts.annotations);
    yield item;
  }
}

/** What app/api/export/route.ts returns for ?format=<format>&status=all, once authorised and parsed. */
const routeResponse = (format: ExportFormat, query: ExportQuery, counts: Counts): Promise<Response> =>
  exportDownload({ format, query, observe: (items) => counted(items, counts) });

/** Reads a body to its end without keeping it: the bytes only pass through the hash. */
async function drain(body: ReadableStream<Uint8Array>, hash: Hash): Promise<number> {
  const reader = body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
    hash.update(value);
    sampleRss();
  }
}

const text = new TextEncoder();

async function referenceRun(client: pg.Client, hash: Hash, counts: Counts, limitRows = Infinity): Promise<number> {
  let bytes = 0;
  let after = '';
  while (counts.annotations < limitRows) {
    const { rows } = await client.query<{ id: string }>(
      `SELECT n.*, u."name" AS "authorName", u."email" AS "authorEmail"
       FROM "Annotation" n JOIN "Article" a ON a."id" = n."articleId" JOIN "User" u ON u."id" = n."authorId"
       WHERE a."archivedAt" IS NULL AND n."id" > $1 ORDER BY n."id" LIMIT $2`,
      [after, Math.min(REFERENCE_PAGE, limitRows - counts.annotations)],
    );
    for (const row of rows) {
      const chunk = text.encode(`${JSON.stringify(row)}\n`);
      bytes += chunk.length;
      hash.update(chunk);
    }
    counts.annotations += rows.length;
    sampleRss();
    probeHeap(counts.annotations);
    if (rows.length < REFERENCE_PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return bytes;
}

/** The non-streamed way: every item in memory, then one string of the whole JSONL. */
async function bufferedRun(query: ExportQuery, hash: Hash, counts: Counts): Promise<number> {
  const items: ExportItem[] = [];
  for await (const item of counted(exportItems(query), counts)) items.push(item);
  sampleRss();
  const whole = text.encode(items.map(jsonlLine).join(''));
  sampleRss();
  hash.update(whole);
  return whole.length;
}

async function run(mode: RunMode, query: ExportQuery, client: pg.Client | null, limitRows?: number): Promise<RunResult> {
  const counts: Counts = { articles: 0, annotations: 0, relations: 0 };
  const hash = createHash('sha256');
  const t = performance.now();
  let bytes: number;
  if (mode === 'reference') bytes = await referenceRun(client!, hash, counts, limitRows);
  else if (mode === 'buffered') bytes = await bufferedRun(query, hash, counts);
  else bytes = await drain((await routeResponse(mode, query, counts)).body!, hash);
  return { seconds: (performance.now() - t) / 1000, bytes, sha256: hash.digest('hex'), ...counts };
}

async function main(mode: RunMode): Promise<RunReport> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const client = mode === 'reference' ? new pg.Client({ connectionString: process.env.DATABASE_URL }) : null;
  await client?.connect();
  try {
    const query: ExportQuery = { scope: 'all' };
    // Warm-up: connections open, code compiled, one article exported, before the baseline.
    const first = process.env.BENCH_WARMUP_ARTICLE;
    if (!first) throw new Error('BENCH_WARMUP_ARTICLE is not set');
    await run(mode, { ...query, articleIds: [first] }, client, 500);
    gc();
    gc();
    const baselineRss = process.memoryUsage.rss();
    const baselineHeap = process.memoryUsage().heapUsed;
    const maxRssAtBaseline = process.resourceUsage().maxRSS * 1024;
    peakRss = baselineRss;
    const sampler = setInterval(sampleRss, 20);
    const runs: RunResult[] = [];
    try {
      for (let i = 0; i < (mode === 'buffered' ? 1 : 2); i++) runs.push(await run(mode, query, client));
    } finally {
      clearInterval(sampler);
    }
    const sampledPeakRss = peakRss;
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const every = Math.max(1, Math.floor(Number(process.env.BENCH_EXPECTED_ANNOTATIONS) / 10));
    probe = { every, next: every, heap: [] };
    await run(mode, query, client);
    return { mode, runs, baselineRss, sampledPeakRss, maxRssAtBaseline, maxRss, baselineHeap, liveHeap: probe.heap };
  } finally {
    await client?.end();
    await disconnectDb();
  }
}

// Run only as a script: bench/export.ts imports the types and RUN_MODES from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mode = process.argv[2] as RunMode;
  if (!RUN_MODES.includes(mode)) {
    console.error(`usage: bench/export-run.ts ${RUN_MODES.join('|')}`);
    process.exit(2);
  }
  console.log(JSON.stringify(await main(mode)));
}
