/**
 * `npm run bench:export` (issue 6): 100,000 annotations exported in each format (jsonl, w3c,
 * csv, brat) through the Response app/api/export/route.ts serves for `status=all`, its body read
 * to the end, against a throwaway embedded PostgreSQL (or a database created on
 * TEST_DATABASE_URL) loaded by bench/review-workload.ts: 300 news-like articles plus two small
 * ones, with relations, review decisions and attributes.
 *
 * Each format runs in a child process of its own (bench/export-run.ts), twice: annotations/s
 * and MB/s of the faster run, peak RSS growth over the baseline taken after a warm-up export of
 * one article, and whether both runs gave the same bytes (sha256). A third, untimed run collects
 * garbage at every tenth of the annotations: the live heap it prints must stay flat.
 *
 *   reference   the same annotation rows with their authors, read by keyset pages of a plain
 *               SELECT and JSON.stringify per row, run before and after the formats (the faster
 *               counts): every rate is also shown as a ratio to it.
 *   buffered    JSONL built after loading every item, not streamed: what flat memory buys
 *               (informational; its bytes must equal the streamed JSONL's).
 *
 * Targets: JSONL at >= 20,000 annotations/s; every format's peak RSS growth < 100 MB. A missed
 * target, a count that differs from the database's, or output that differs between runs gives
 * exit code 1. `--smoke`: 10,000 annotations. BENCH_ANNOTATIONS overrides the count; BENCH_NODE_ARGS
 * adds node options to the children (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { serverHeapMb } from '../scripts/lib/heap.ts';
import { cloneDatabase, createTemplateDatabase, dropDatabase, startTestServer } from '../scripts/lib/test-database.ts';
import type { ImportReport } from './export-import-run.ts';
import type { RunMode, RunReport, RunResult } from './export-run.ts';
import { articleId, loadWorkload, SMALL_FRESH, SMALL_SPREAD } from './review-workload.ts';

const smoke = process.argv.includes('--smoke');
const ANNOTATIONS = Number(process.env.BENCH_ANNOTATIONS ?? (smoke ? 10_000 : 100_000));
const ARTICLES = 300;
const TARGET_JSONL_RATE = 20_000;
const TARGET_RSS_GROWTH_MB = 100;
const FORMATS = ['jsonl', 'w3c', 'csv', 'brat'] as const satisfies readonly RunMode[];

const log = (line: string) => console.log(`[bench:export] ${line}`);
const MB = 1024 * 1024;
const since = (t: number) => (performance.now() - t) / 1000;
const int = (n: number) => Math.round(n).toLocaleString('en');

/** Runs a bench script (bench/export-run.ts by default) in a fresh node; its stdout's last line is the report. */
function runChild<R = RunReport>(mode: RunMode | 'import', env: Record<string, string>, file = 'export-run.ts'): Promise<R> {
  const script = path.join(import.meta.dirname, file);
  return new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS: more node options for the children, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (NODE_OPTIONS refuses --cpu-prof).
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // The heap limit npm start gives the server: V8's garbage between collections, and so the RSS growth, scale with it.
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${serverHeapMb()}`, ...extra, '--import', 'tsx', script, mode], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`export-run ${mode} exited with ${code}: ${out.slice(-2_000)}`));
      else resolve(JSON.parse(last) as R);
    });
  });
}

const fastest = (runs: RunResult[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
/** The peak during the runs over the baseline: the kernel's peak when it rose during the runs (it catches what 20 ms sampling misses), else the sampled one. */
const rssGrowth = (r: RunReport) => ((r.maxRss > r.maxRssAtBaseline ? Math.max(r.sampledPeakRss, r.maxRss) : r.sampledPeakRss) - r.baselineRss) / MB;

async function main(): Promise<number> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  log(
    `${smoke ? 'smoke run' : 'full run'}: ${int(ANNOTATIONS)} annotations on ${ARTICLES + 2} articles of ~4,000 characters; node ${process.version} (children with a ${serverHeapMb()} MB heap, as npm start), ${os.availableParallelism()} cores`,
  );
  const server = await startTestServer();
  const dbName = `bench_export_${randomBytes(4).toString('hex')}`;
  const importDbName = `${dbName}_import`;
  let sql: pg.Client | null = null;
  const problems: string[] = [];
  try {
    await createTemplateDatabase(server.serverUrl);
    const dbUrl = await cloneDatabase(dbName, server.serverUrl);
    sql = new pg.Client({ connectionString: dbUrl });
    await sql.connect();

    // ─── Load ───
    // The two small articles of the review workload add SMALL_SPREAD + SMALL_FRESH annotations beyond the bulk.
    const load = await loadWorkload(sql, {
      annotations: ANNOTATIONS - SMALL_SPREAD - SMALL_FRESH,
      articles: ARTICLES,
      spansPerArticle: 200,
      chars: 4_000,
      log,
    });
    const t = performance.now();
    // Archived articles are never exported; the review workload archives some, so bring them back to export every annotation.
    await sql.query(`UPDATE "Article" SET "archivedAt" = NULL`);
    // The review workload leaves attributes empty; half the annotations get the attributes of their kind, so the
    // writers' attribute paths (sorted JSON, CSV flattening, brat A lines) carry their share of the cost.
    await sql.query(`ALTER TABLE "Annotation" DISABLE TRIGGER USER`);
    await sql.query(
      `UPDATE "Annotation" SET "attributes" = CASE "kind"
         WHEN 'CLAIM' THEN jsonb_build_object('type', (ARRAY['factual', 'opinion', 'prediction', 'other'])[1 + abs(hashtext("id")) % 4], 'checkworthy', abs(hashtext("id" || 'cw')) % 3 = 0)
         WHEN 'SOURCE' THEN jsonb_build_object('type', (ARRAY['named_person', 'organization', 'anonymous', 'document', 'media_outlet'])[1 + abs(hashtext("id")) % 5], 'canonicalName', btrim(left("exact", 80)))
         ELSE jsonb_build_object('date', '2025-06-01', 'place', 'the eastern docks', 'participants', jsonb_build_array('Mayor Ingrid Halvorsen', 'Meridian Shipping'))
       END
       WHERE abs(hashtext("id" || 'attr')) % 2 = 0`,
    );
    await sql.query(`ALTER TABLE "Annotation" ENABLE TRIGGER USER`);
    await sql.query('VACUUM ANALYZE');
    const expected = (
      await sql.query<{ annotations: number; relations: number; decisions: number; attributed: number }>(
        `SELECT (SELECT count(*) FROM "Annotation")::int AS annotations, (SELECT count(*) FROM "Relation")::int AS relations,
                (SELECT count(*) FROM "ReviewDecision")::int AS decisions, (SELECT count(*) FROM "Annotation" WHERE "attributes" <> '{}')::int AS attributed`,
      )
    ).rows[0]!;
    log(
      `loaded ${int(expected.annotations)} annotations (${int(expected.attributed)} with attributes), ${int(expected.relations)} relations, ${int(expected.decisions)} decisions, ` +
        `${load.counts.articles} articles in ${(load.seconds.total + since(t)).toFixed(1)} s`,
    );

    // ─── Exports, one child process each ───
    const env = { DATABASE_URL: dbUrl, BENCH_WARMUP_ARTICLE: articleId(0), BENCH_EXPECTED_ANNOTATIONS: String(expected.annotations) };
    const reports = new Map<RunMode, RunReport>();
    const references: RunReport[] = [];
    for (const mode of ['reference', ...FORMATS, 'buffered', 'reference'] as const) {
      log(`${mode}: ${mode === 'buffered' ? 'one timed run' : 'two timed runs'} and one with heap probes in a child process`);
      const report = await runChild(mode, env);
      if (mode === 'reference') references.push(report);
      else reports.set(mode, report);
    }

    // ─── Report ───
    const reference = fastest(references.flatMap((r) => r.runs));
    const refRate = reference.annotations / reference.seconds;
    const refRss = Math.max(...references.map(rssGrowth));
    const label = (r: RunReport) => (r === references[1] ? 'ref again' : r.mode);
    const failed: string[] = [];
    const header = [
      'format',
      'annotations',
      'relations',
      'MB',
      'seconds',
      'annotations/s',
      'MB/s',
      '×reference',
      'peak RSS +MB',
      '×reference',
      'target',
      'result',
    ];
    const widths = [34, 11, 9, 7, 13, 13, 6, 10, 12, 10, 27, 6];
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 || i >= 10 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd();
    const rate = (r: RunResult) => r.annotations / r.seconds;
    const secondsOf = (runs: RunResult[]) => runs.map((r) => r.seconds.toFixed(2)).join(' / ');

    console.log(
      `\nExport of ${int(expected.annotations)} annotations (status=all) through the route's Response, body read to the end${smoke ? ' (SMOKE run)' : ''}. ` +
        `Rates from the faster of the runs (seconds: run 1 / run 2); RSS growth: peak (sampled every 20 ms and per chunk, or maxRSS if it rose during the runs) minus the RSS after a warm-up and gc.`,
    );
    console.log(line(header));
    console.log(
      line([
        'reference: SELECT rows + stringify',
        int(reference.annotations),
        '',
        (reference.bytes / MB).toFixed(1),
        references.map((r) => secondsOf(r.runs)).join(', '),
        int(refRate),
        (reference.bytes / MB / reference.seconds).toFixed(1),
        '1.00',
        refRss.toFixed(1),
        '1.00',
        '',
        'info',
      ]),
    );
    for (const mode of [...FORMATS, 'buffered'] as const) {
      const report = reports.get(mode)!;
      const best = fastest(report.runs);
      const growth = rssGrowth(report);
      const streamed = mode !== 'buffered';
      const missed = !streamed
        ? []
        : [
            ...(mode === 'jsonl' && rate(best) < TARGET_JSONL_RATE
              ? [`${mode} at ${int(rate(best))} annotations/s (target >= ${int(TARGET_JSONL_RATE)})`]
              : []),
            ...(growth >= TARGET_RSS_GROWTH_MB ? [`${mode} peak RSS +${growth.toFixed(1)} MB (target < ${TARGET_RSS_GROWTH_MB})`] : []),
          ];
      failed.push(...missed);
      const pass = streamed ? missed.length === 0 : null;
      for (const r of report.runs) {
        if (r.annotations !== expected.annotations)
          problems.push(`${mode} exported ${int(r.annotations)} annotations, the database holds ${int(expected.annotations)}`);
        if (r.relations !== expected.relations) problems.push(`${mode} exported ${int(r.relations)} relations, the database holds ${int(expected.relations)}`);
      }
      const target = !streamed ? '' : `${mode === 'jsonl' ? `>= ${int(TARGET_JSONL_RATE)}/s, ` : ''}< ${TARGET_RSS_GROWTH_MB} MB`;
      console.log(
        line([
          streamed ? mode : 'buffered jsonl (not streamed)',
          int(best.annotations),
          int(best.relations),
          (best.bytes / MB).toFixed(1),
          secondsOf(report.runs),
          int(rate(best)),
          (best.bytes / MB / best.seconds).toFixed(1),
          (rate(best) / refRate).toFixed(2),
          growth.toFixed(1),
          (growth / refRss).toFixed(2),
          target,
          pass === null ? 'info' : pass ? 'pass' : 'FAIL',
        ]),
      );
    }
    console.log(
      '(peak RSS +MB of the reference: the larger of its two processes. RSS baseline → sampled peak / maxRSS, MB: ' +
        [...references, ...reports.values()]
          .map((r) => `${label(r)} ${(r.baselineRss / MB).toFixed(0)} → ${(r.sampledPeakRss / MB).toFixed(0)} / ${(r.maxRss / MB).toFixed(0)}`)
          .join(', ') +
        ')',
    );

    console.log(`\nLive heap (heapUsed after a full GC, MB) at the baseline and at each tenth of the annotations, in an extra untimed run:`);
    for (const report of [...references, ...reports.values()]) {
      const heap = report.liveHeap.map(([, bytes]) => bytes / MB);
      // What the export keeps alive as it goes: a streamed export's stays within a page's worth of its first probe.
      const growth = Math.max(...heap) - (heap[0] ?? 0);
      console.log(
        `  ${label(report).padEnd(9)} ${(report.baselineHeap / MB).toFixed(0).padStart(4)} | ${heap.map((h) => h.toFixed(0).padStart(4)).join('')}  ` +
          `(${heap.length} probes, max − first ${growth.toFixed(1)} MB)`,
      );
    }

    console.log('\nDeterminism (sha256 of the bytes):');
    for (const report of [...references, ...reports.values()]) {
      const hashes = report.runs.map((r) => r.sha256);
      const same = hashes.every((h) => h === hashes[0]);
      if (report.mode !== 'buffered') {
        if (!same) problems.push(`${report.mode}: the two runs gave different bytes`);
        console.log(
          `  ${label(report).padEnd(9)} ${hashes[0]!.slice(0, 16)}…  ${same ? 'run 1 = run 2' : `DIFFERENT: ${hashes.map((h) => h.slice(0, 16)).join(' vs ')}`}`,
        );
      }
    }
    const buffered = reports.get('buffered')!.runs[0]!.sha256;
    const streamedJsonl = reports.get('jsonl')!.runs[0]!.sha256;
    if (buffered !== streamedJsonl) problems.push('the buffered JSONL differs from the streamed JSONL');
    console.log(`  buffered  ${buffered.slice(0, 16)}…  ${buffered === streamedJsonl ? '= streamed jsonl' : 'DIFFERENT from the streamed jsonl'}`);

    // ─── Import: the JSONL export into an empty database with the same accounts, and out again ───
    log('import: the JSONL export into an empty database, then exported again, in a child process');
    const importUrl = await cloneDatabase(importDbName, server.serverUrl);
    const target = new pg.Client({ connectionString: importUrl });
    await target.connect();
    try {
      const { rows: users } = await sql.query(`SELECT "id", "email", "name", "role", "passwordHash" FROM "User"`);
      await target.query(
        `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt") SELECT u."id", u."email", u."name", u."role", u."passwordHash", now() FROM json_populate_recordset(NULL::"User", $1) AS u`,
        [JSON.stringify(users)],
      );
    } finally {
      await target.end();
    }
    const admin = (await sql.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "id" LIMIT 1`)).rows[0]!.id;
    const imported = await runChild<ImportReport>(
      'import',
      { DATABASE_URL: dbUrl, BENCH_IMPORT_URL: importUrl, BENCH_ADMIN_ID: admin },
      'export-import-run.ts',
    );
    const importGrowth = (imported.peakRss - imported.baselineRss) / MB;
    console.log(
      `\nImport of the JSONL export (${(imported.bytes / MB).toFixed(1)} MB) into an empty database with the same accounts, streamed as POST /api/import/annotations reads it: ` +
        `${int(imported.articles)} articles, ${int(imported.annotations)} annotations and ${int(imported.relations)} relations in ${imported.seconds.toFixed(1)} s, ` +
        `${int(imported.annotations / imported.seconds)} annotations/s (${(imported.annotations / imported.seconds / refRate).toFixed(2)}× the reference's read rate), ` +
        `peak RSS +${importGrowth.toFixed(1)} MB (${(importGrowth / refRss).toFixed(2)}× the reference). Exported again: ${imported.sameAfterRoundTrip ? 'the same bytes, ids aside' : 'DIFFERENT bytes'}. (info, no target)`,
    );
    if (!imported.sameAfterRoundTrip) problems.push('the JSONL exported after the import differs from the one imported (ids aside)');
    if (imported.annotations !== expected.annotations || imported.failed)
      problems.push(`the import created ${int(imported.annotations)} of ${int(expected.annotations)} annotations, ${imported.failed} articles failed`);

    const loadAfter = os.loadavg();
    const busy = loadBefore[0]! > os.availableParallelism() / 2;
    console.log(
      `\nTook ${since(started).toFixed(0)} s. Load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} at the end, ` +
        `on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work when the bench began, so expect noisy figures' : ''}.`,
    );
    for (const p of problems) console.log(`PROBLEM: ${p}`);
    if (failed.length) console.log(`Missed targets: ${failed.join('; ')}`);
    return failed.length || problems.length ? 1 : 0;
  } finally {
    await sql?.end().catch(() => {});
    if (!server.embedded) {
      await dropDatabase(dbName, server.serverUrl).catch(() => {});
      await dropDatabase(importDbName, server.serverUrl).catch(() => {});
    }
    await server.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:export] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  return 1;
});
