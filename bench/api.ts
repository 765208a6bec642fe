/**
 * `npm run bench:api` (issue 12, point 1): the write path and the busiest reads through the
 * production server, against a raw insert of the same row shape on the same PostgreSQL.
 *
 * On a throwaway embedded PostgreSQL (or a database it creates on TEST_DATABASE_URL):
 *  1. the reference: single-row INSERTs of an annotation's shape into a scratch table (no
 *     triggers, no foreign keys, the same indexes) by pgbench at 8 clients, or by `pg` in a
 *     loop on 8 connections when pgbench is missing;
 *  2. `POST /api/articles/:id/annotations` by autocannon, spread over 200 articles and all on
 *     one article, at 8 and 32 connections, then on a 640,000-character article and a 3,000
 *     one (database CPU per create compared);
 *  3. `GET /api/articles/:id/annotations`, and `GET /api/articles` with a first page of short
 *     articles and one with 20 articles of 640,000 characters;
 *  4. the spread create at 8 connections again with the server started with WEB_CONCURRENCY=2.
 * `GET /api/health` (Next.js's route handling and a `SELECT 1`) is timed first, as the floor of
 * any request. Each row prints requests/s, p50/p99, Node CPU and PostgreSQL CPU per request (from /proc:
 * the server's process tree and the postmaster's), and creates as a share of the raw insert
 * rate. Rows created must equal the 2xx answers. Exits 1 when a target is missed.
 * BENCH_SECONDS (default 5) sets the length of each row; BENCH_CPU_PROF=<folder> profiles the
 * one-process server (node --cpu-prof) over all its rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateToken, hashToken, tokenPrefix } from '../lib/auth/token-format.ts';
import { applyMigrations } from '../scripts/db/schema-engine.ts';
import { ensureBuild } from '../scripts/lib/build.ts';
import { createDatabaseIfMissing } from '../scripts/lib/database-url.ts';
import { databaseUrl, dropDatabase, startTestServer } from '../scripts/lib/test-database.ts';
import { startApp, stopApp, type BenchApp } from './app-server.ts';
import { parentOf, treeCpuMs } from './process-cpu.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SPREAD_ARTICLES = 200;
const SHORT_CHARS = 3_000;
const LONG_CHARS = 640_000;
const LONG_ARTICLES = 20;
// The first thousand or so requests of a fresh server run slower (routes load, V8 compiles): 2 s left the first row a third dearer per create.
const WARM_UP_SECONDS = 6;
const TARGETS = { createShareOfRaw: 0.2, oneArticleShareOfSpread: 0.7, oneArticleP99Ms: 100, longOverShortDbCpu: 1.5, listApart: 0.1, cluster: 1.6 };

const log = (line: string) => console.log(`[bench:api] ${line}`);
const id = () => `c${randomBytes(12).toString('hex')}`;
const WORDS = 'the harbour council said on tuesday that wall repairs would begin after storm damage was assessed by engineers from city'.split(' ');

/** News-like ASCII prose of `chars` characters, unique by its first word. */
function prose(chars: number): string {
  const parts = [randomBytes(6).toString('hex')];
  let length = parts[0]!.length;
  for (let i = 0; length < chars; i++) {
    const word = WORDS[(i * 7 + (i >> 3)) % WORDS.length]!;
    parts.push(i % 17 === 16 ? `${word}.` : word);
    length += word.length + 1;
  }
  return parts.join(' ').slice(0, chars);
}

interface Measure {
  name: string;
  requests: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  nodeCpuMs: number;
  dbCpuMs: number;
}

interface Probe {
  node: () => number;
  db: () => number;
}

/** Runs autocannon for SECONDS (or `amount` requests) and reads the CPU of the server and of PostgreSQL around it. */
async function load(name: string, probe: Probe, options: autocannon.Options): Promise<Measure> {
  const node0 = probe.node();
  const db0 = probe.db();
  const started = performance.now();
  const result = await autocannon(options.amount ? options : { duration: SECONDS, ...options });
  const seconds = (performance.now() - started) / 1000;
  const requests = result.requests.total;
  const ok = result['2xx'];
  const n = Math.max(1, requests);
  return {
    name,
    requests,
    ok,
    perSecond: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    nodeCpuMs: (probe.node() - node0) / n,
    dbCpuMs: (probe.db() - db0) / n,
  };
}

/** Rows compared by rate take turns, ROUNDS times each, so that both see the machine's other work alike. */
const ROUNDS = 3;

/** The rounds of one row as one: totals, the median p50, the worst p99. */
function combine(measures: Measure[]): Measure {
  const requests = measures.reduce((sum, m) => sum + m.requests, 0);
  const seconds = measures.reduce((sum, m) => sum + m.requests / m.perSecond, 0);
  const weighted = (key: 'nodeCpuMs' | 'dbCpuMs') => measures.reduce((sum, m) => sum + m[key] * m.requests, 0) / requests;
  return {
    name: measures[0]!.name,
    requests,
    ok: measures.reduce((sum, m) => sum + m.ok, 0),
    perSecond: requests / seconds,
    p50: measures.map((m) => m.p50).sort((a, b) => a - b)[Math.floor(measures.length / 2)]!,
    p99: Math.max(...measures.map((m) => m.p99)),
    nodeCpuMs: weighted('nodeCpuMs'),
    dbCpuMs: weighted('dbCpuMs'),
  };
}

const fmt = (x: number, digits = 1) => x.toFixed(digits).padStart(9);

function printRows(rows: Measure[], rawPerSecond: number, rawDbCpuMs: number): void {
  console.log(
    `\n${'measure'.padEnd(44)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'node ms'.padStart(9)} ${'pg ms'.padStart(9)}  vs raw insert`,
  );
  console.log(
    `${'raw INSERT (reference)'.padEnd(44)} ${fmt(rawPerSecond, 0)} ${''.padStart(9)} ${''.padStart(9)} ${''.padStart(9)} ${fmt(rawDbCpuMs, 2)}  1.00`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(44)} ${fmt(r.perSecond, 0)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.nodeCpuMs, 2)} ${fmt(r.dbCpuMs, 2)}  ${(r.perSecond / rawPerSecond).toFixed(2)}`,
    );
  }
}

async function pgbenchPath(): Promise<string | null> {
  for (const candidate of [
    '/usr/lib/postgresql/18/bin/pgbench',
    '/usr/lib/postgresql/17/bin/pgbench',
    '/usr/lib/postgresql/16/bin/pgbench',
    '/usr/lib/postgresql/15/bin/pgbench',
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return spawnSync('pgbench', ['--version']).status === 0 ? 'pgbench' : null;
}

const SCRATCH_INSERT = (articleId: string, authorId: string) =>
  `INSERT INTO "ScratchAnnotation" ("id", "articleId", "authorId", "kind", "start", "end", "exact", "prefix", "suffix", "note", "attributes", "updatedAt")
   VALUES (md5(random()::text), '${articleId}', '${authorId}', 'CLAIM', 100, 120, 'council said on tuesd', 'the harbour wall gave way after ', ' that wall repairs would begin a', '', '{}', now())`;

/** The reference: the same row shape inserted one row per statement, 8 connections, SECONDS long. */
async function rawInsert(dbUrl: string, probe: Probe, articleId: string, authorId: string): Promise<{ perSecond: number; dbCpuMs: number; tool: string }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`CREATE TABLE "ScratchAnnotation" (LIKE "Annotation" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const count = async () => Number((await client.query('SELECT count(*) AS n FROM "ScratchAnnotation"')).rows[0].n);
  const db0 = probe.db();
  const started = performance.now();
  const pgbench = await pgbenchPath();
  let tool: string;
  if (pgbench) {
    const script = path.join(os.tmpdir(), `bench-api-${randomBytes(4).toString('hex')}.sql`);
    await writeFile(script, `${SCRATCH_INSERT(articleId, authorId).replace(/\s+/g, ' ')};\n`);
    const run = spawnSync(pgbench, ['-n', '-c', '8', '-j', '2', '-T', String(SECONDS), '-f', script, dbUrl], { encoding: 'utf8' });
    await rm(script, { force: true });
    if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
    tool = 'pgbench -c 8';
  } else {
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new pg.Client({ connectionString: dbUrl });
        await c.connect();
        while (Date.now() < deadline) await c.query(SCRATCH_INSERT(articleId, authorId));
        await c.end();
      }),
    );
    tool = 'pg, 8 connections in a loop';
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = await count();
  const dbCpuMs = (probe.db() - db0) / rows;
  await client.query('DROP TABLE "ScratchAnnotation"');
  await client.end();
  return { perSecond: rows / seconds, dbCpuMs, tool };
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  const [testServer] = await Promise.all([startTestServer(), ensureBuild(log)]);
  const dbName = `bench_api_${randomBytes(4).toString('hex')}`;
  const dbUrl = databaseUrl(testServer.serverUrl, dbName);
  let app: BenchApp | null = null;
  const client = new pg.Client({ connectionString: dbUrl });
  try {
    await createDatabaseIfMissing(testServer.serverUrl, dbName);
    await applyMigrations(dbUrl);
    await client.connect();
    const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const postmaster = parentOf(backend);
    if (!postmaster) throw new Error('PostgreSQL runs elsewhere: its CPU cannot be read from /proc.');

    log('loading users and articles…');
    const userId = id();
    const token = generateToken();
    await client.query(
      `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, 'writer@bench.example', 'Writer', 'RESEARCHER', 'x', now())`,
      [userId],
    );
    await client.query(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix") VALUES ($1, $2, 'bench', $3, $4)`, [
      id(),
      userId,
      hashToken(token),
      tokenPrefix(token),
    ]);
    const insertArticle = async (text: string, source: string, publishedAt: Date) => {
      const articleId = id();
      await client.query(
        `INSERT INTO "Article" ("id", "title", "text", "contentHash", "source", "publishedAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [articleId, `Article ${articleId}`, text, createHash('sha256').update(text).digest('hex'), source, publishedAt],
      );
      return articleId;
    };
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
    const spread: string[] = [];
    for (let i = 0; i < SPREAD_ARTICLES; i++) spread.push(await insertArticle(prose(SHORT_CHARS), 'short', day(i)));
    const long: string[] = [];
    for (let i = 0; i < LONG_ARTICLES; i++) long.push(await insertArticle(prose(LONG_CHARS), 'mixed', day(400 + i)));
    for (let i = 0; i < 10; i++) await insertArticle(prose(SHORT_CHARS), 'mixed', day(300 + i));
    // Written to apart from the lists' articles, whose pages would otherwise count its annotations.
    const longWritten = await insertArticle(prose(LONG_CHARS), 'written', day(0));
    await client.query('VACUUM ANALYZE');

    const probeDb = () => treeCpuMs(postmaster);
    const raw = await rawInsert(dbUrl, { node: () => 0, db: probeDb }, spread[0]!, userId);
    log(`raw insert: ${raw.perSecond.toFixed(0)}/s by ${raw.tool}`);

    const countRows = async () => Number((await client.query('SELECT count(*) AS n FROM "Annotation"')).rows[0].n);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const annotationBody = (i: number) => {
      const start = 40 + ((i * 37) % (SHORT_CHARS - 200));
      return JSON.stringify({ kind: 'claim', start, end: start + 20 });
    };
    let sequence = 0;
    const createOn = (articles: string[]): autocannon.Options => ({
      url: 'http://placeholder',
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: (request) => {
            const i = sequence++;
            return { ...request, path: `/api/articles/${articles[i % articles.length]}/annotations`, body: annotationBody(i) };
          },
        },
      ],
    });

    const getOf = (requestPath: string): autocannon.Options => ({ url: 'http://placeholder', requests: [{ method: 'GET', path: requestPath, headers }] });

    const rows: Measure[] = [];
    const mismatches: string[] = [];
    // Creates run a fixed number of requests (about SECONDS at the last rate seen), so that none is
    // cut at a deadline after the server took it: every row must match a 2xx answer.
    let createRate = 50;
    // A warm-up stops at its deadline with requests in flight: let them commit before counting rows.
    const settle = () => new Promise((r) => setTimeout(r, 1_000));
    /** One row, or one round of it (a `share` of SECONDS), checked: rows created equal 2xx answers. */
    const once = async (name: string, probe: Probe, baseURL: string, options: autocannon.Options, creates: boolean, share = 1) => {
      const before = creates ? await countRows() : 0;
      const amount = creates ? Math.max(50, Math.round(createRate * SECONDS * share)) : undefined;
      const measure = await load(name, probe, { ...options, url: baseURL, amount, duration: SECONDS * share });
      if (creates) {
        createRate = measure.perSecond;
        const created = (await countRows()) - before;
        if (created !== measure.ok) mismatches.push(`${name}: ${created} rows for ${measure.ok} 2xx answers`);
      } else if (measure.ok !== measure.requests) {
        mismatches.push(`${name}: ${measure.requests - measure.ok} answers were not 2xx`);
      }
      return measure;
    };
    const report = (measure: Measure) => {
      rows.push(measure);
      log(`${measure.name}: ${measure.perSecond.toFixed(0)}/s, p99 ${measure.p99} ms`);
      return measure;
    };
    const run = async (name: string, probe: Probe, baseURL: string, options: autocannon.Options, creates: boolean) =>
      report(await once(name, probe, baseURL, options, creates));
    /** Two rows whose rates are compared, taking turns. */
    const pair = async (
      a: [string, autocannon.Options],
      b: [string, autocannon.Options],
      probe: Probe,
      baseURL: string,
      creates: boolean,
    ): Promise<[Measure, Measure]> => {
      const rounds: [Measure[], Measure[]] = [[], []];
      for (let round = 0; round < ROUNDS; round++) {
        rounds[0].push(await once(a[0], probe, baseURL, a[1], creates, 1 / ROUNDS));
        rounds[1].push(await once(b[0], probe, baseURL, b[1], creates, 1 / ROUNDS));
      }
      return [report(combine(rounds[0])), report(combine(rounds[1]))];
    };

    // BENCH_CPU_PROF=<folder>: the one-process server writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    app = await startApp(dbUrl, {}, profile);
    const server = app.child.pid!;
    const probe: Probe = { node: () => treeCpuMs(server), db: probeDb };
    // Warm-up: routes compile on first use, the pool opens its connections.
    createRate = (await autocannon({ ...createOn(spread), url: app.baseURL, connections: 8, duration: WARM_UP_SECONDS })).requests.total / WARM_UP_SECONDS;
    await autocannon({ url: `${app.baseURL}/api/articles?source=mixed`, headers, connections: 4, duration: 1 });
    await autocannon({ url: `${app.baseURL}/api/articles/${spread[1]}/annotations`, headers, connections: 4, duration: 1 });
    await settle();

    // The floor of any API request: Next.js's route handling, one `SELECT 1`, a small JSON answer.
    await run('GET /api/health (the floor)', probe, app.baseURL, { ...getOf('/api/health'), connections: 8 }, false);
    const spread8 = await run('create, spread over 200 articles, 8 conn', probe, app.baseURL, { ...createOn(spread), connections: 8 }, true);
    await run('create, one article, 8 conn', probe, app.baseURL, { ...createOn([spread[2]!]), connections: 8 }, true);
    const [spread32, one32] = await pair(
      ['create, spread over 200 articles, 32 conn', { ...createOn(spread), connections: 32 }],
      ['create, one article, 32 conn', { ...createOn([spread[3]!]), connections: 32 }],
      probe,
      app.baseURL,
      true,
    );
    const [short, longest] = await pair(
      [`create, one ${SHORT_CHARS / 1000}k-char article, 8 conn`, { ...createOn([spread[4]!]), connections: 8 }],
      [`create, one ${LONG_CHARS / 1000}k-char article, 8 conn`, { ...createOn([longWritten]), connections: 8 }],
      probe,
      app.baseURL,
      true,
    );
    await run('GET annotations of an article', probe, app.baseURL, { ...getOf(`/api/articles/${spread[2]}/annotations`), connections: 8 }, false);
    const [listShort, listLong] = await pair(
      ['GET /api/articles, short articles', { ...getOf('/api/articles?source=short'), connections: 8 }],
      [`GET /api/articles, ${LONG_ARTICLES} long on page`, { ...getOf('/api/articles?source=mixed'), connections: 8 }],
      probe,
      app.baseURL,
      false,
    );
    await stopApp(app.child);
    app = null;

    app = await startApp(dbUrl, { WEB_CONCURRENCY: '2' });
    const clusterProbe: Probe = { node: () => treeCpuMs(app!.child.pid!), db: probeDb };
    await autocannon({ ...createOn(spread), url: app.baseURL, connections: 8, duration: WARM_UP_SECONDS });
    await settle();
    const cluster = await run('create, spread, 8 conn, WEB_CONCURRENCY=2', clusterProbe, app.baseURL, { ...createOn(spread), connections: 8 }, true);

    console.log(`\nbench:api: ${SECONDS} s per row; raw insert by ${raw.tool}; CPU per request from /proc (server process tree, postmaster and backends)`);
    printRows(rows, raw.perSecond, raw.dbCpuMs);

    const checks: [string, boolean, string][] = [
      [
        `creates >= ${TARGETS.createShareOfRaw * 100}% of the raw insert rate at 8 conn`,
        spread8.perSecond >= TARGETS.createShareOfRaw * raw.perSecond,
        `${((100 * spread8.perSecond) / raw.perSecond).toFixed(1)}%`,
      ],
      [
        `one article at 32 conn >= ${TARGETS.oneArticleShareOfSpread * 100}% of spread`,
        one32.perSecond >= TARGETS.oneArticleShareOfSpread * spread32.perSecond,
        `${((100 * one32.perSecond) / spread32.perSecond).toFixed(0)}%`,
      ],
      [`one article at 32 conn p99 < ${TARGETS.oneArticleP99Ms} ms`, one32.p99 < TARGETS.oneArticleP99Ms, `${one32.p99} ms`],
      [
        `DB CPU per create, 640k article <= ${TARGETS.longOverShortDbCpu}x a 3k one`,
        longest.dbCpuMs <= TARGETS.longOverShortDbCpu * short.dbCpuMs,
        `${(longest.dbCpuMs / short.dbCpuMs).toFixed(2)}x (${longest.dbCpuMs.toFixed(2)} vs ${short.dbCpuMs.toFixed(2)} ms)`,
      ],
      [
        `article list with long articles within ${TARGETS.listApart * 100}%`,
        Math.abs(listLong.perSecond - listShort.perSecond) <= TARGETS.listApart * listShort.perSecond,
        `${((100 * listLong.perSecond) / listShort.perSecond).toFixed(0)}% of the short list`,
      ],
      [
        `WEB_CONCURRENCY=2 >= ${TARGETS.cluster}x one process`,
        cluster.perSecond >= TARGETS.cluster * spread8.perSecond,
        `${(cluster.perSecond / spread8.perSecond).toFixed(2)}x`,
      ],
      ['rows created equal 2xx answers', mismatches.length === 0, mismatches.join('; ') || 'all equal'],
    ];
    console.log('\nTargets');
    for (const [name, passed, value] of checks) console.log(`  ${passed ? 'pass' : 'FAIL'}  ${name}: ${value}`);
    const busy = loadBefore > os.availableParallelism() / 2;
    console.log(
      `\nLoad average ${loadBefore.toFixed(1)} at the start on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work, expect noisy figures' : ''}.`,
    );
    return checks.every(([, passed]) => passed) ? 0 : 1;
  } finally {
    if (app) await stopApp(app.child);
    await client.end().catch(() => {});
    if (!testServer.embedded) await dropDatabase(dbName, testServer.serverUrl).catch(() => {});
    await testServer.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:api] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  return 1;
});
