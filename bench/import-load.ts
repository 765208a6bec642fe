/**
 * `npm run bench:import-load` (issue 12, point 3): does a large import freeze the server? The
 * production build on a throwaway embedded PostgreSQL (or a database it creates on
 * TEST_DATABASE_URL). `/api/health` is timed one request after another, first alone (the
 * reference), then while one admin's request imports ten files of ~9.5 MB each (BENCH_RUNS such
 * requests, default 3, one after another).
 *
 * The files are the heaviest the documented limits let through whole: HTML pages just under the
 * 10 MB file limit whose text is ~910,000 characters, under the 1,000,000 an article may hold.
 * Ten 8 MB Markdown files (the workload) are refused after decoding now (Markdown is
 * limited to 1,500,000 characters), and 8 MB of prose is refused before parsing, so neither
 * exercises the parsers any more.
 *
 * The import's throughput is compared with the reference path measured in this same run: the
 * same files parsed on the bench's own thread (parseImportFile, as the request thread did before
 * the worker pool) and written through the same import service.
 * Targets: health p99 < 100 ms during the imports; import throughput over HTTP >= 80% of the
 * in-thread reference. Exits 1 on a miss.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { createImportJob, importParsedItems } from '../lib/articles/import/service.ts';
import { parseImportFile } from '../lib/articles/parse/index.ts';
import { disconnectDb } from '../lib/db.ts';
import { generateToken, hashToken, tokenPrefix } from '../lib/tokens/format.ts';
import { scratchDatabase, startApp, stopApp } from './app-server.ts';
import { percentile, printLatencies } from './stats.ts';

const FILES = 10;
const FILE_BYTES = 9_500_000;
const TEXT_CHARACTERS = 900_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REFERENCE_REQUESTS = 300;
const TARGET_P99_MS = 100;
const TARGET_THROUGHPUT_RATIO = 0.8;

const log = (line: string) => console.log(`[bench:import-load] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SENTENCES = [
  'The council voted to delay the harbour project, according to minutes seen by reporters.',
  '“We will not sign anything before the audit is done,” the mayor said on Tuesday.',
  'Officials at the water authority declined to comment on the leaked report.',
  'A spokesperson for the contractor said the company had met every deadline — a claim residents dispute.',
];

/**
 * A news page as a heavy CMS serves it: every paragraph wrapped in layout, navigation and
 * attributes, then padding (tracking markup) up to the size. Unique by `key`, so nothing is a duplicate.
 */
function heavyPage(key: string): Uint8Array {
  const parts = [`<!doctype html><html lang="en"><head><title>Harbour report ${key}</title><meta name="author" content="Bench Wire"></head><body>`];
  let size = parts[0]!.length;
  let text = 0;
  for (let i = 0; size < FILE_BYTES; i++) {
    const sentence = `${SENTENCES[i % SENTENCES.length]} (${key}-${i})`;
    const part =
      text < TEXT_CHARACTERS
        ? `<div class="article-body__block" data-track="block-${i}"><nav class="share"><a href="/share?i=${i}">Share</a></nav><p class="para" data-id="${i}">${sentence}</p></div>\n`
        : `<div class="ad-slot" data-slot="${i}" data-config="${'x'.repeat(180)}"></div>\n`;
    if (text < TEXT_CHARACTERS) text += sentence.length + 2;
    parts.push(part);
    size += part.length;
  }
  parts.push('</body></html>');
  return new TextEncoder().encode(parts.join(''));
}

const batchOf = (run: string) => Array.from({ length: FILES }, (_, i) => ({ name: `page-${run}-${i}.html`, bytes: heavyPage(`${run}-${i}`) }));

/** One request on a connection of its own: a frozen server closes idle keep-alive sockets as it wakes, under a reusing client. */
function send(url: string, options: http.RequestOptions, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { ...options, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Times `/api/health`, one request after another, until `until()` says stop. */
async function timeHealth(baseURL: string, until: (count: number) => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until(samples.length)) {
    const started = performance.now();
    const { status } = await send(`${baseURL}/api/health`, { method: 'GET' });
    samples.push(performance.now() - started);
    if (status !== 200) throw new Error(`/api/health answered ${status}`);
    await sleep(10);
  }
  return samples;
}

async function importOverHttp(baseURL: string, token: string, files: { name: string; bytes: Uint8Array }[]): Promise<number> {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: 'text/html' }), f.name);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const started = performance.now();
  const { status, text } = await send(`${baseURL}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length } }, body);
  const seconds = (performance.now() - started) / 1000;
  const outcome = JSON.parse(text) as { created?: number };
  if (status !== 201 || outcome.created !== files.length) throw new Error(`The import answered ${status}: ${text.slice(0, 500)}`);
  return seconds;
}

/** Today's path before the pool: parse on this thread, then the same import service. */
async function importInThread(admin: { id: string; role: 'ADMIN'; disabled: false }, files: { name: string; bytes: Uint8Array }[]): Promise<number> {
  const started = performance.now();
  const items = files.flatMap((f) => parseImportFile(f.name, f.bytes));
  const outcome = await importParsedItems(admin, await createImportJob(admin), items);
  const seconds = (performance.now() - started) / 1000;
  if (!outcome.ok || outcome.value.created !== files.length) throw new Error(`The in-thread import did not create every article: ${JSON.stringify(outcome.ok ? outcome.value.results.filter((r) => r.status !== 'created') : outcome.error).slice(0, 500)}`);
  return seconds;
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  const { dbUrl, close } = await scratchDatabase('bench_import_load', log);
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    const token = generateToken();
    const adminId = `c${randomBytes(12).toString('hex')}`;
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, 'load@bench.example', 'Load', 'ADMIN', 'x', now())`, [adminId]);
      await client.query(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix") VALUES ($1, $2, 'bench', $3, $4)`, [`c${randomBytes(12).toString('hex')}`, adminId, hashToken(token), tokenPrefix(token)]);
    } finally {
      await client.end();
    }
    const mb = (FILES * FILE_BYTES) / 1024 / 1024;

    log('in-thread reference (parse on this thread, same import service)');
    process.env.DATABASE_URL = dbUrl;
    const admin = { id: adminId, role: 'ADMIN' as const, disabled: false as const };
    await importInThread(admin, batchOf('warm-ref').slice(0, 2));
    const inThread: number[] = [];
    for (let r = 0; r < RUNS; r++) inThread.push(await importInThread(admin, batchOf(`ref${r}-${randomBytes(3).toString('hex')}`)));
    await disconnectDb();

    app = await startApp(dbUrl);
    const { baseURL } = app;
    // Warm-up: the first requests compile routes, open pool connections and start the parsers.
    await timeHealth(baseURL, (n) => n >= 30);
    await importOverHttp(baseURL, token, batchOf(`warm-${randomBytes(3).toString('hex')}`).slice(0, 2));

    const reference = await timeHealth(baseURL, (n) => n >= REFERENCE_REQUESTS);
    const batches = Array.from({ length: RUNS }, (_, r) => batchOf(`run${r}-${randomBytes(3).toString('hex')}`));
    const overHttp: number[] = [];
    let importing = true;
    const imports = (async () => {
      try {
        for (const batch of batches) overHttp.push(await importOverHttp(baseURL, token, batch));
      } finally {
        importing = false;
      }
    })();
    // Settled below; caught here so that a failed import does not end the process before its report.
    imports.catch(() => {});
    const during = await timeHealth(baseURL, () => !importing);
    await imports;

    const p99 = percentile(during, 99);
    const best = (s: number[]) => Math.min(...s);
    const ratio = best(inThread) / best(overHttp);
    console.log(`\nImport of ${FILES} HTML files of ${(FILE_BYTES / 1e6).toFixed(1)} MB (~${(TEXT_CHARACTERS / 1000).toFixed(0)}k characters of text each), ${RUNS} runs`);
    console.log(`${'path'.padEnd(44)} ${'best s'.padStart(8)} ${'median s'.padStart(9)} ${'MB/s'.padStart(7)}`);
    console.log(`${'in-thread parse + import service (reference)'.padEnd(44)} ${best(inThread).toFixed(2).padStart(8)} ${percentile(inThread, 50).toFixed(2).padStart(9)} ${(mb / best(inThread)).toFixed(1).padStart(7)}`);
    console.log(`${'POST /api/articles (multipart, production)'.padEnd(44)} ${best(overHttp).toFixed(2).padStart(8)} ${percentile(overHttp, 50).toFixed(2).padStart(9)} ${(mb / best(overHttp)).toFixed(1).padStart(7)}`);
    console.log(`Throughput over HTTP: ${ratio.toFixed(2)} of the in-thread reference; target >= ${TARGET_THROUGHPUT_RATIO}: ${ratio >= TARGET_THROUGHPUT_RATIO ? 'met' : 'MISSED'}`);
    printLatencies('/api/health latency (ms) on the same instance, alone and during the imports', [
      ['health, no import (ref.)', reference],
      ['health, during the imports', during],
    ]);
    console.log(`p99 during the imports: ${p99.toFixed(1)} ms; target < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`);
    const busy = loadBefore > os.availableParallelism() / 2;
    console.log(`Load average ${loadBefore.toFixed(1)} at the start on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work, expect noisy figures' : ''}.`);
    return p99 < TARGET_P99_MS && ratio >= TARGET_THROUGHPUT_RATIO ? 0 : 1;
  } catch (error) {
    if (app) console.error(`The app server's last lines:\n${app.output.slice(-20).join('\n')}`);
    throw error;
  } finally {
    if (app) await stopApp(app.child);
    await disconnectDb();
    await close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:import-load] failed:', error instanceof Error ? (error.stack ?? error.message) : error, (error as { cause?: unknown })?.cause ?? '');
  return 1;
});
