/**
 * `npm run bench:review` (issue 5, point 9): the reviewer's queue and a decision on 1,000,000
 * annotations, measured as server time: the service functions called in this process through
 * the app's Prisma client (lib/db.ts), against a throwaway embedded PostgreSQL (or a database
 * created on TEST_DATABASE_URL), migrated and bulk-loaded by bench/review-workload.ts.
 *
 *   first page   listReviewQueue(reviewer, query), unfiltered and with each filter (kind,
 *                article, author, a 30-day date range, kind + date). Target: p95 < 50 ms.
 *   following    walks of 20 pages by nextCursor, from the head of the queue and from a cursor
 *                in the middle of the pending backlog. Target: p95 < 50 ms.
 *   decision     reviewAnnotation(reviewer, id, approve) on distinct pending annotations of
 *                others, picked at random. Target: p95 < 20 ms.
 *   references   `SELECT 1` and `SELECT … FROM "Annotation" WHERE id = $1` through the same
 *                client in the same run; every row shows its p50 as a multiple of both.
 *
 * Then EXPLAIN (ANALYZE, BUFFERS) of the queue's SQL (reviewQueueSql) for a first and a following
 * page of every variant: the plans must use indexes on "Annotation"; a Seq Scan on it fails the
 * run, as does a missed target (exit code 1).
 *
 * `--smoke`: 50,000 annotations and fewer runs. BENCH_ANNOTATIONS overrides the count;
 * BENCH_PLANS=full prints every plan in full (otherwise the unfiltered ones in full and the
 * scan lines of the others). BENCH_EXTRA_SQL runs SQL after the load, before measuring, to try
 * e.g. a candidate index in the throwaway database (the title says so).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import type { Actor } from '../lib/auth/policy.ts';
import { db, disconnectDb, Prisma } from '../lib/db.ts';
import { encodeQueueCursor, reviewQueueQuerySchema, reviewSchema, type ReviewQueueQuery } from '../lib/review/schemas.ts';
import { contextFromWindow } from '../lib/review/context.ts';
import { reviewAnnotation } from '../lib/review/mutations.ts';
import { countReviewQueue, listReviewQueue, reviewQueueSql } from '../lib/review/queries.ts';
import { cloneDatabase, createTemplateDatabase, dropDatabase, startTestServer } from '../scripts/lib/test-database.ts';
import { articleId, FIRST_REVIEWER, isArchived, loadWorkload, userId } from './review-workload.ts';
import { percentile } from './stats.ts';

const smoke = process.argv.includes('--smoke');
const CONFIG = {
  annotations: Number(process.env.BENCH_ANNOTATIONS ?? (smoke ? 50_000 : 1_000_000)),
  articles: 300,
  spansPerArticle: 200,
  chars: 4_000,
  warmup: smoke ? 3 : 10,
  /** First pages per variant. */
  pageRuns: smoke ? 20 : 60,
  /** Walks of WALK_PAGES following pages per variant and starting point. */
  walks: smoke ? 1 : 3,
  walkPages: 20,
  decisions: smoke ? 50 : 250,
  refRuns: smoke ? 100 : 300,
  countRuns: smoke ? 3 : 5,
};
const TARGET_PAGE_P95 = 50;
const TARGET_DECISION_P95 = 20;
/** The reviewer the queue is read as: a REVIEWER who also annotates (so "never my own" excludes rows). */
const REVIEWER: Actor = { id: userId(FIRST_REVIEWER), role: 'REVIEWER', disabled: false };
/** The author filter: a researcher with about 2% of the annotations. */
const AUTHOR_FILTER = userId(10);
/** The article filter: an article open to review, with ~1/300 of the annotations. */
const ARTICLE_FILTER = 1;

const log = (line: string) => console.log(`[bench:review] ${line}`);
const since = (t: number) => performance.now() - t;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

function parseQuery(input: Record<string, string>): ReviewQueueQuery {
  const parsed = reviewQueueQuerySchema.safeParse(input);
  if (!parsed.success) throw new Error(`bad queue query ${JSON.stringify(input)}: ${parsed.error.message}`);
  return parsed.data;
}

async function timed(runs: number, warmup: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t = performance.now();
    await work(i);
    if (i >= warmup) samples.push(since(t));
  }
  return samples;
}

interface Variant {
  name: string;
  filters: Record<string, string>;
}

interface Row {
  name: string;
  samples: number[];
  /** p95 must be below this; undefined: informational. */
  target?: number;
  note?: string;
}

/** Walks `pages` following pages from `start` (a first page's query, or one with a cursor); answers the time of each page after the start. */
async function walk(variant: Variant, start: string | undefined, pages: number): Promise<{ samples: number[]; items: number }> {
  const samples: number[] = [];
  let items = 0;
  let cursor = start;
  if (cursor === undefined) {
    const first = await listReviewQueue(REVIEWER, parseQuery(variant.filters));
    items += first.items.length;
    cursor = first.nextCursor ?? undefined;
  }
  for (let p = 0; p < pages && cursor; p++) {
    const query = parseQuery({ ...variant.filters, cursor });
    const t = performance.now();
    const page = await listReviewQueue(REVIEWER, query);
    samples.push(since(t));
    items += page.items.length;
    cursor = page.nextCursor ?? undefined;
  }
  return { samples, items };
}

interface Plan {
  label: string;
  lines: string[];
  seqScan: boolean;
  indexes: string[];
  /** The node that reads "Annotation" (e.g. `Index Scan using "…" on "Annotation" a`), shortened. */
  annotationScan: string;
  /** That node's line and its conditions, filters and removed rows. */
  scanLines: string[];
  rowsRemoved: number;
  buffers: { hit: number; read: number };
  execution: number;
  planning: number;
}

async function explain(label: string, query: ReviewQueueQuery): Promise<Plan> {
  const rows = await db().$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${reviewQueueSql(REVIEWER, query)}`);
  const lines = rows.map((r) => r['QUERY PLAN']);
  const text = lines.join('\n');
  const indexes = [
    ...new Set([...text.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([\w]+)"?/g)].map((m) => `${m[1]} ${m[2]}`)),
  ];
  const time = (what: string) => Number(text.match(new RegExp(`${what} Time: ([\\d.]+) ms`))?.[1] ?? NaN);
  // The scan nodes of "Annotation" (a bitmap heap scan's index scans are its children) with their detail lines.
  const scanLines: string[] = [];
  const scans: string[] = [];
  lines.forEach((line, i) => {
    if (!/(Scan|Scan using \S+) on "Annotation"/.test(line) && !/Bitmap Index Scan on "Annotation_/.test(line)) return;
    const node = line.replace(/^\s*->\s*/, '').replace(/\s+\(cost=.*$/, '');
    if (!node.startsWith('Bitmap Heap Scan'))
      scans.push(node.replace(/ on "Annotation" a$/, '').replace(/^(Index Only Scan|Index Scan|Bitmap Index Scan) (?:using|on) "(\w+)"/, '$1 $2'));
    scanLines.push(line.trim());
    const depth = line.search(/\S/);
    for (let j = i + 1; j < lines.length && !lines[j]!.includes('->') && lines[j]!.search(/\S/) > depth; j++) {
      if (/Index Cond|Recheck Cond|Filter:|Rows Removed|Heap Fetches/.test(lines[j]!)) scanLines.push(`  ${lines[j]!.trim()}`);
    }
  });
  const top = lines.find((l) => l.trim().startsWith('Buffers:')) ?? '';
  return {
    label,
    lines,
    seqScan: /Seq Scan on "Annotation"/.test(text),
    indexes,
    annotationScan: scans.join(' + ') || '–',
    scanLines,
    rowsRemoved: [...text.matchAll(/Rows Removed by Filter: (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0),
    buffers: { hit: Number(top.match(/hit=(\d+)/)?.[1] ?? 0), read: Number(top.match(/read=(\d+)/)?.[1] ?? 0) },
    execution: time('Execution'),
    planning: time('Planning'),
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  log(
    `${smoke ? 'smoke run' : 'full run'}: ${CONFIG.annotations.toLocaleString('en')} annotations on ${CONFIG.articles} articles of ~${CONFIG.chars.toLocaleString('en')} characters`,
  );
  const server = await startTestServer();
  const dbName = `bench_review_${randomBytes(4).toString('hex')}`;
  let opened: pg.Client | null = null;
  const problems: string[] = [];
  try {
    await createTemplateDatabase(server.serverUrl);
    const dbUrl = await cloneDatabase(dbName, server.serverUrl);
    const sql = new pg.Client({ connectionString: dbUrl });
    await sql.connect();
    opened = sql;
    process.env.DATABASE_URL = dbUrl; // lib/db.ts: the app's client, used by the service functions timed here

    // ─── Load ───
    const load = await loadWorkload(sql, {
      annotations: CONFIG.annotations,
      articles: CONFIG.articles,
      spansPerArticle: CONFIG.spansPerArticle,
      chars: CONFIG.chars,
      log,
    });
    const s = load.seconds;
    log(
      `loaded ${load.counts.annotations.toLocaleString('en')} annotations (${load.counts.pending.toLocaleString('en')} pending, ${((100 * load.counts.pending) / load.counts.annotations).toFixed(0)}%), ` +
        `${load.counts.decisions.toLocaleString('en')} decisions, ${load.counts.relations.toLocaleString('en')} relations, ${load.counts.articles} articles (${load.counts.archived} archived) in ${s.total.toFixed(1)} s: ` +
        `generate ${s.generate.toFixed(1)} s, users+articles ${s.articles.toFixed(1)} s, annotations ${s.annotations.toFixed(1)} s, decisions ${s.decisions.toFixed(1)} s, relations ${s.relations.toFixed(1)} s, ` +
        `annotation counts ${s.counts.toFixed(1)} s, VACUUM ANALYZE ${s.vacuum.toFixed(1)} s`,
    );
    const extraSql = process.env.BENCH_EXTRA_SQL?.trim();
    if (extraSql) {
      // An experiment in the throwaway database only (e.g. a candidate index); the default run measures the schema as migrated.
      const t = performance.now();
      await sql.query(extraSql);
      await sql.query('ANALYZE');
      log(`ran BENCH_EXTRA_SQL in ${(since(t) / 1000).toFixed(1)} s: ${extraSql}`);
    }
    const sizes = (
      await sql.query<{ version: string; shared_buffers: string; table: string; indexes: string }>(
        `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
                pg_size_pretty(pg_table_size('"Annotation"')) AS table, pg_size_pretty(pg_indexes_size('"Annotation"')) AS indexes`,
      )
    ).rows[0]!;
    log(`PostgreSQL ${sizes.version}, shared_buffers ${sizes.shared_buffers}; "Annotation": table ${sizes.table}, indexes ${sizes.indexes}`);

    // ─── Variants and starting points ───
    const queueSize = await countReviewQueue(REVIEWER);
    // A cursor in the middle of the reviewer's backlog, and a 30-day range of creation dates around it.
    const mid = (
      await sql.query<{ createdAt: Date; id: string }>(
        `SELECT "createdAt", id FROM "Annotation" WHERE status = 'PENDING' ORDER BY "createdAt", id OFFSET $1 LIMIT 1`,
        [Math.floor(load.counts.pending / 2)],
      )
    ).rows[0]!;
    const midCursor = encodeQueueCursor({ createdAt: mid.createdAt.toISOString(), id: mid.id });
    const day = (offsetDays: number) => new Date(mid.createdAt.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const range = { from: day(-15), to: day(14) };
    if (isArchived(ARTICLE_FILTER)) throw new Error('the article filter must name an article open to review');
    const inQueue = async (n: number) =>
      Number(
        (await sql.query(`SELECT count(*) FROM "Annotation" WHERE status = 'PENDING' AND "articleId" = $1 AND "authorId" <> $2`, [articleId(n), REVIEWER.id]))
          .rows[0].count,
      );
    const variants: Variant[] = [
      { name: 'unfiltered', filters: {} },
      { name: 'kind=event', filters: { kind: 'event' } },
      { name: `article, ${(await inQueue(ARTICLE_FILTER)).toLocaleString('en')} in queue`, filters: { articleId: articleId(ARTICLE_FILTER) } },
      { name: `article, ${await inQueue(CONFIG.articles)} in queue over the year`, filters: { articleId: articleId(CONFIG.articles) } },
      { name: `article, ${await inQueue(CONFIG.articles + 1)} in queue, newest`, filters: { articleId: articleId(CONFIG.articles + 1) } },
      { name: 'author', filters: { authorId: AUTHOR_FILTER } },
      { name: `date ${range.from}..${range.to}`, filters: range },
      { name: 'kind=claim + date', filters: { kind: 'claim', ...range } },
    ];
    log(`reviewer ${REVIEWER.id}: ${queueSize.toLocaleString('en')} annotations in the queue; middle of the backlog at ${mid.createdAt.toISOString()}`);

    // ─── References ───
    const randomIds = (
      await sql.query<{ id: string }>(`SELECT id FROM "Annotation" ORDER BY md5(id || 'ref') LIMIT $1`, [CONFIG.refRuns + CONFIG.warmup])
    ).rows.map((r) => r.id);
    const refSelect1: number[] = [];
    const refById: number[] = [];
    const measureRefs = async () => {
      refSelect1.push(...(await timed(CONFIG.refRuns / 2, CONFIG.warmup, () => db().$queryRaw`SELECT 1`)));
      refById.push(
        ...(await timed(
          CONFIG.refRuns / 2,
          CONFIG.warmup,
          (i) =>
            db()
              .$queryRaw`SELECT "id", "articleId", "authorId", "kind", "start", "end", "exact", "prefix", "suffix", "note", "attributes", "unattributed", "status", "version", "createdAt", "updatedAt"
                         FROM "Annotation" WHERE "id" = ${randomIds[(i + refById.length) % randomIds.length]!}`,
        )),
      );
    };
    log('references: SELECT 1, SELECT by id');
    await measureRefs();

    // ─── Queue pages ───
    const rows: Row[] = [];
    const pageRows: Row[] = [];
    let shortWindows = 0;
    let windows = 0;
    // Round-robin over the variants, run by run: a burst of load from elsewhere on the machine
    // then lands on every variant alike instead of on one variant's whole series.
    log(`first pages: ${variants.length} variants ×${CONFIG.warmup}+${CONFIG.pageRuns}, interleaved`);
    const firstQueries = variants.map((v) => parseQuery(v.filters));
    const firstSamples = variants.map((): number[] => []);
    const firstItems = variants.map(() => 0);
    for (let i = 0; i < CONFIG.warmup + CONFIG.pageRuns; i++) {
      for (const [k, query] of firstQueries.entries()) {
        const t = performance.now();
        const page = await listReviewQueue(REVIEWER, query);
        if (i >= CONFIG.warmup) firstSamples[k]!.push(since(t));
        firstItems[k] = page.items.length;
      }
    }
    for (const [k, v] of variants.entries()) {
      if (firstItems[k] === 0) problems.push(`the first page of "${v.name}" is empty: the filter matches nothing`);
      pageRows.push({ name: `first page, ${v.name}`, samples: firstSamples[k]!, target: TARGET_PAGE_P95, note: `${firstItems[k]} items` });
      // How often the SQL window around a quote fell short (the page then reads that article's whole text).
      const raw = await db().$queryRaw<Parameters<typeof contextFromWindow>[0][]>(reviewQueueSql(REVIEWER, firstQueries[k]!));
      windows += raw.length;
      shortWindows += raw.filter((r) => contextFromWindow(r) === null).length;
    }
    const starts = [
      ['head', undefined],
      ['mid-backlog', midCursor],
    ] as const;
    log(`following pages: ${CONFIG.walks} walks of ${CONFIG.walkPages} pages per variant, from the head and from the middle of the backlog, interleaved`);
    const walkSamples = variants.map(() => starts.map((): number[] => []));
    const walkItems = variants.map(() => starts.map(() => 0));
    for (let w = -1; w < CONFIG.walks; w++) {
      for (const [k, v] of variants.entries()) {
        for (const [j, [, cursor]] of starts.entries()) {
          if (w < 0) {
            await walk(v, cursor, 3); // warm-up
            continue;
          }
          const result = await walk(v, cursor, CONFIG.walkPages);
          walkSamples[k]![j]!.push(...result.samples);
          walkItems[k]![j] = result.items;
        }
      }
    }
    for (const [k, v] of variants.entries()) {
      for (const [j, [from]] of starts.entries()) {
        const samples = walkSamples[k]![j]!;
        if (samples.length === 0) problems.push(`no following pages for "${v.name}" from the ${from}`);
        pageRows.push({ name: `next pages from ${from}, ${v.name}`, samples, target: TARGET_PAGE_P95, note: `${walkItems[k]![j]} items per walk` });
      }
    }
    const head = parseQuery({});
    pageRows.push({
      name: 'first page SQL alone, unfiltered ($queryRaw)',
      samples: await timed(CONFIG.pageRuns, CONFIG.warmup, () => db().$queryRaw(reviewQueueSql(REVIEWER, head))),
      note: 'info',
    });
    const big = parseQuery({ limit: '100' });
    pageRows.push({
      name: 'first page of 100 (the maximum), unfiltered',
      samples: await timed(CONFIG.pageRuns, CONFIG.warmup, () => listReviewQueue(REVIEWER, big)),
      note: 'info',
    });
    rows.push(...pageRows);

    // ─── Decisions ───
    const picks = (
      await sql.query<{ id: string; version: number }>(
        `SELECT a.id, a.version FROM "Annotation" a JOIN "Article" t ON t.id = a."articleId" AND t."archivedAt" IS NULL
         WHERE a.status = 'PENDING' AND a."authorId" <> $1 ORDER BY md5(a.id || 'decide') LIMIT $2`,
        [REVIEWER.id, CONFIG.decisions + CONFIG.warmup],
      )
    ).rows;
    log(`decisions: approve ×${CONFIG.warmup}+${CONFIG.decisions}, distinct pending annotations picked at random`);
    let refused = 0;
    const decisionSamples = await timed(CONFIG.decisions, CONFIG.warmup, async (i) => {
      const pick = picks[i]!;
      const outcome = await reviewAnnotation(REVIEWER, pick.id, reviewSchema.parse({ decision: 'approve', version: pick.version }));
      if (!outcome.ok) refused++;
    });
    if (refused) problems.push(`${refused} decisions were refused`);
    rows.push({ name: 'decision: approve (reviewAnnotation)', samples: decisionSamples, target: TARGET_DECISION_P95 });
    rows.push({
      name: 'queue count for the dashboard (countReviewQueue)',
      samples: await timed(CONFIG.countRuns, 1, () => countReviewQueue(REVIEWER)),
      note: 'info',
    });

    log('references again');
    await measureRefs();

    // ─── EXPLAIN ───
    log('EXPLAIN (ANALYZE, BUFFERS) of the queue SQL');
    const plans: Plan[] = [];
    for (const v of variants) {
      const first = parseQuery(v.filters);
      const firstPage = await listReviewQueue(REVIEWER, first);
      await explain('warm-up', first);
      plans.push(await explain(`${v.name}: first page`, first));
      if (firstPage.nextCursor) plans.push(await explain(`${v.name}: second page`, parseQuery({ ...v.filters, cursor: firstPage.nextCursor })));
      plans.push(await explain(`${v.name}: page from mid-backlog`, parseQuery({ ...v.filters, cursor: midCursor })));
    }

    // ─── Report ───
    const p50 = (x: number[]) => percentile(x, 50);
    const p95 = (x: number[]) => percentile(x, 95);
    const ref1 = p50(refSelect1);
    const refId = p50(refById);
    const all: Row[] = [
      { name: 'reference: SELECT 1 (same Prisma client)', samples: refSelect1, note: 'reference' },
      { name: 'reference: SELECT … FROM "Annotation" WHERE id = $1', samples: refById, note: 'reference' },
      ...rows,
    ];
    const width = Math.max(...all.map((r) => r.name.length));
    console.log(
      `\nReview queue and decisions on ${load.counts.annotations.toLocaleString('en')} annotations (${load.counts.pending.toLocaleString('en')} pending, ${queueSize.toLocaleString('en')} in this reviewer's queue): ` +
        `server time in ms, service functions called in-process through the app's Prisma client${smoke ? ' (SMOKE run)' : ''}${extraSql ? ` (EXPERIMENT: BENCH_EXTRA_SQL ${extraSql})` : ''}`,
    );
    const header = `${'measure'.padEnd(width)}  ${'runs'.padStart(4)}  ${'p50'.padStart(6)}  ${'p95'.padStart(6)}  ${'p99'.padStart(6)}  ${'max'.padStart(6)}  ${'×SELECT 1'.padStart(9)}  ${'×by id'.padStart(6)}  ${'target'.padEnd(10)}  result`;
    console.log(header);
    console.log('(×: p50 / the reference p50)');
    const failed: string[] = [];
    for (const r of all) {
      const pass = r.target === undefined ? null : r.samples.length > 0 && p95(r.samples) < r.target;
      if (pass === false) failed.push(r.name);
      console.log(
        `${r.name.padEnd(width)}  ${String(r.samples.length).padStart(4)}  ${fmt(p50(r.samples)).padStart(6)}  ${fmt(p95(r.samples)).padStart(6)}  ${fmt(percentile(r.samples, 99)).padStart(6)}  ${fmt(Math.max(...r.samples)).padStart(6)}  ` +
          `${(fmt(p50(r.samples) / ref1) + 'x').padStart(9)}  ${(fmt(p50(r.samples) / refId) + 'x').padStart(6)}  ${(r.target === undefined ? '' : `p95 < ${r.target}`).padEnd(10)}  ${pass === null ? (r.note ?? '') : `${pass ? 'pass' : 'FAIL'}${r.note ? ` (${r.note})` : ''}`}`,
      );
    }
    console.log(`Quote windows cut by SQL that fell short (whole text read instead): ${shortWindows} of ${windows} on the first pages.`);

    console.log("\nEXPLAIN (ANALYZE, BUFFERS) of reviewQueueSql, after a warm-up run of each (PostgreSQL's own planning and execution time)");
    const pw = Math.max(...plans.map((p) => p.label.length));
    const iw = Math.max(...plans.map((p) => p.annotationScan.length));
    console.log(
      `${'plan'.padEnd(pw)}  ${'scan of "Annotation"'.padEnd(iw)}  ${'rows filtered out'.padStart(17)}  ${'buffers hit/read'.padStart(16)}  ${'plan ms'.padStart(7)}  ${'exec ms'.padStart(7)}`,
    );
    for (const p of plans) {
      console.log(
        `${p.label.padEnd(pw)}  ${p.annotationScan.padEnd(iw)}  ${p.rowsRemoved.toLocaleString('en').padStart(17)}  ${`${p.buffers.hit.toLocaleString('en')}/${p.buffers.read.toLocaleString('en')}`.padStart(16)}  ${fmt(p.planning, 2).padStart(7)}  ${fmt(p.execution, 2).padStart(7)}`,
      );
    }
    const full = process.env.BENCH_PLANS === 'full';
    for (const plan of plans) {
      const whole = full || plan.label.startsWith('unfiltered: first') || plan.label.startsWith('unfiltered: second');
      console.log(
        `\n── ${plan.label}: ${plan.indexes.join(', ') || 'NO INDEX SCAN'}${plan.seqScan ? '; SEQ SCAN ON "Annotation"' : ''}${whole ? '' : ' (the scan of "Annotation"; BENCH_PLANS=full for the whole plan)'}`,
      );
      for (const line of whole ? plan.lines : plan.scanLines) console.log(`   ${line}`);
    }
    const seqScans = plans.filter((p) => p.seqScan).map((p) => p.label);
    const noIndex = plans.filter((p) => !p.indexes.some((i) => /Annotation_/.test(i))).map((p) => p.label);

    const load1 = os.loadavg()[0]!;
    const busy = loadBefore > os.availableParallelism() / 2;
    console.log(
      `\nTook ${(since(started) / 1000).toFixed(0)} s (load ${s.total.toFixed(0)} s). Load average ${loadBefore.toFixed(1)} at the start, ${load1.toFixed(1)} at the end, on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work when the bench began, so expect noisy figures' : ''}.`,
    );
    for (const p of problems) console.log(`PROBLEM: ${p}`);
    if (seqScans.length) console.log(`Seq Scan on "Annotation" in: ${seqScans.join('; ')}`);
    if (noIndex.length) console.log(`No index of "Annotation" used in: ${noIndex.join('; ')}`);
    if (failed.length) console.log(`Missed targets: ${failed.join('; ')}`);
    return failed.length || seqScans.length || noIndex.length || problems.length ? 1 : 0;
  } finally {
    await disconnectDb().catch(() => {});
    await opened?.end().catch(() => {});
    if (!server.embedded) await dropDatabase(dbName, server.serverUrl).catch(() => {});
    await server.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:review] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  return 1;
});
