/**
 * `npm run bench:import-load` (issue 12, point 3): does a large import freeze the server? The
 * production build on a throwaway embedded PostgreSQL (or a database it creates on
 * TEST_DATABASE_URL). `/api/health` is timed one request after another, first alone (the
 * reference), then while an admin's requests each import ten files of ~9.5 MB (BENCH_RUNS such
 * requests, default 3, one after another).
 *
 * The files are the heaviest the documented limits let through whole: HTML pages just under the
 * 10 MB file limit whose text is ~910,000 characters, under the 1,000,000 an article may hold.
 * Ten 8 MB Markdown files (the workload) are refused after decoding now (Markdown is
 * limited to 1,500,000 characters), and 8 MB of prose is refused before parsing, so neither
 * exercises the parsers any more.
 *
 * The same is measured twice, one server after the other on the same database: first with
 * IMPORT_PARSE_WORKERS=0, which reads imports on the request thread as before the parse workers
 * (the reference), then with the default workers.
 * Targets, with the workers: health p99 < 100 ms during the imports; import throughput >= 80% of
 * the request thread's. Exits 1 on a miss.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { generateToken, hashToken, tokenPrefix } from '../lib/auth/token-format.ts';
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

/**
 * Times `/api/health`, one request after another, until `until()` says stop; counts the answers
 * other than 200 in `failures` (a frozen request thread times out its own database check: 503).
 */
async function timeHealth(baseURL: string, until: (count: number) => boolean, failures = { count: 0 }): Promise<number[]> {
  const samples: number[] = [];
  while (!until(samples.length)) {
    const started = performance.now();
    const { status } = await send(`${baseURL}/api/health`, { method: 'GET' });
    samples.push(performance.now() - started);
    if (status !== 200) failures.count++;
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
  const { status, text } = await send(
    `${baseURL}/api/articles`,
    { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length } },
    body,
  );
  const seconds = (performance.now() - started) / 1000;
  const outcome = JSON.parse(text) as { created?: number };
  if (status !== 201 || outcome.created !== files.length) throw new Error(`The import answered ${status}: ${text.slice(0, 500)}`);
  return seconds;
}

interface Measured {
  seconds: number[];
  reference: number[];
  during: number[];
  /** Health answers other than 200 during the imports. */
  failed: number;
}

/** One server with `env`: health alone, then health while RUNS imports run one after another. */
async function measure(dbUrl: string, token: string, env: Record<string, string>): Promise<Measured> {
  const app = await startApp(dbUrl, env);
  try {
    const { baseURL } = app;
    // Warm-up: the first requests compile routes, open pool connections and start the parsers.
    await timeHealth(baseURL, (n) => n >= 30);
    await importOverHttp(baseURL, token, batchOf(`warm-${randomBytes(3).toString('hex')}`).slice(0, 2));
    const reference = await timeHealth(baseURL, (n) => n >= REFERENCE_REQUESTS);
    const batches = Array.from({ length: RUNS }, () => batchOf(randomBytes(4).toString('hex')));
    const seconds: number[] = [];
    let importing = true;
    const imports = (async () => {
      try {
        for (const batch of batches) seconds.push(await importOverHttp(baseURL, token, batch));
      } finally {
        importing = false;
      }
    })();
    // Settled below; caught here so that a failed import does not end the process before its report.
    imports.catch(() => {});
    const failures = { count: 0 };
    const during = await timeHealth(baseURL, () => !importing, failures);
    await imports;
    return { seconds, reference, during, failed: failures.count };
  } catch (error) {
    console.error(`The app server's last lines:\n${app.output.slice(-20).join('\n')}`);
    throw error;
  } finally {
    await stopApp(app.child);
  }
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  const { dbUrl, close } = await scratchDatabase('bench_import_load', log);
  try {
    const token = generateToken();
    const adminId = `c${randomBytes(12).toString('hex')}`;
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, 'load@bench.example', 'Load', 'ADMIN', 'x', now())`,
        [adminId],
      );
      await client.query(`INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix") VALUES ($1, $2, 'bench', $3, $4)`, [
        `c${randomBytes(12).toString('hex')}`,
        adminId,
        hashToken(token),
        tokenPrefix(token),
      ]);
    } finally {
      await client.end();
    }
    const mb = (FILES * FILE_BYTES) / 1024 / 1024;
    log('request thread (IMPORT_PARSE_WORKERS=0, the reference)');
    const before = await measure(dbUrl, token, { IMPORT_PARSE_WORKERS: '0' });
    log('parse workers (the default)');
    const after = await measure(dbUrl, token, {});

    const best = (s: number[]) => Math.min(...s);
    const ratio = best(before.seconds) / best(after.seconds);
    const p99 = percentile(after.during, 99);
    console.log(
      `\nImport of ${FILES} HTML files of ${(FILE_BYTES / 1e6).toFixed(1)} MB (~${(TEXT_CHARACTERS / 1000).toFixed(0)}k characters of text each) per request, ${RUNS} requests`,
    );
    console.log(`${'parsing on'.padEnd(36)} ${'best s'.padStart(8)} ${'median s'.padStart(9)} ${'MB/s'.padStart(7)}`);
    for (const [name, m] of [
      ['the request thread (reference)', before],
      ['the parse workers', after],
    ] as const) {
      console.log(
        `${name.padEnd(36)} ${best(m.seconds).toFixed(2).padStart(8)} ${percentile(m.seconds, 50).toFixed(2).padStart(9)} ${(mb / best(m.seconds)).toFixed(1).padStart(7)}`,
      );
    }
    console.log(
      `Throughput with the workers: ${ratio.toFixed(2)} of the request thread's; target >= ${TARGET_THROUGHPUT_RATIO}: ${ratio >= TARGET_THROUGHPUT_RATIO ? 'met' : 'MISSED'}`,
    );
    printLatencies('/api/health latency (ms) on the same instance, alone and during the imports', [
      ['request thread: no import', before.reference],
      ['request thread: importing', before.during],
      ['workers: no import', after.reference],
      ['workers: importing', after.during],
    ]);
    console.log(`Health answers other than 200 during the imports: ${before.failed} on the request thread, ${after.failed} with the workers.`);
    const healthMet = p99 < TARGET_P99_MS && after.failed === 0;
    console.log(
      `p99 during the imports with the workers: ${p99.toFixed(1)} ms, every answer 200; target < ${TARGET_P99_MS} ms: ${healthMet ? 'met' : 'MISSED'}`,
    );
    const busy = loadBefore > os.availableParallelism() / 2;
    console.log(
      `Load average ${loadBefore.toFixed(1)} at the start on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work, expect noisy figures' : ''}.`,
    );
    return healthMet && ratio >= TARGET_THROUGHPUT_RATIO ? 0 : 1;
  } finally {
    await close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:import-load] failed:', error instanceof Error ? (error.stack ?? error.message) : error, (error as { cause?: unknown })?.cause ?? '');
  return 1;
});
