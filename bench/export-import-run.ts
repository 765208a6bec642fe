/**
 * The import half of `npm run bench:export`, in a child process of its own: the JSONL export of
 * the loaded database (DATABASE_URL) written to a file, imported into an empty database that has
 * the same accounts (BENCH_IMPORT_URL) as POST /api/import/annotations does it (the body streamed
 * from the file), and exported again. Prints one JSON line: the import's time and peak RSS growth,
 * and whether both exports are the same bytes once ids are blanked out (the round trip at scale).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { importAnnotatedRequest } from '../lib/import-requests/import-annotated.ts';
import { disconnectDb } from '../lib/db.ts';
import { exportDownload } from '../lib/export/download.ts';

export interface ImportReport {
  bytes: number;
  seconds: number;
  articles: number;
  annotations: number;
  relations: number;
  failed: number;
  baselineRss: number;
  peakRss: number;
  sameAfterRoundTrip: boolean;
}

async function exportTo(file: string): Promise<number> {
  const response = await exportDownload({ format: 'jsonl', query: { scope: 'all' } });
  let bytes = 0;
  const counter = async function* (body: AsyncIterable<Uint8Array>) {
    for await (const chunk of body) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  await pipeline(Readable.fromWeb(response.body! as import('node:stream/web').ReadableStream<Uint8Array>), counter, createWriteStream(file));
  return bytes;
}

/** sha256 of the file with every id blanked out, line by line. */
async function blankedHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    hash.update(`${line.replace(/"(id|fromId|toId)":"[a-z0-9]+"/g, '"$1":""')}\n`);
  return hash.digest('hex');
}

async function main(): Promise<ImportReport> {
  const target = process.env.BENCH_IMPORT_URL;
  const adminId = process.env.BENCH_ADMIN_ID;
  if (!target || !adminId) throw new Error('BENCH_IMPORT_URL and BENCH_ADMIN_ID are needed');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-export-import-'));
  try {
    const exported = path.join(dir, 'export.jsonl');
    const bytes = await exportTo(exported);
    await disconnectDb();
    process.env.DATABASE_URL = target;

    globalThis.gc!();
    const baselineRss = process.memoryUsage.rss();
    let peakRss = baselineRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
    const t = performance.now();
    const body = Readable.toWeb(createReadStream(exported)) as ReadableStream<Uint8Array>;
    const request = new Request('http://bench.local/api/import/annotations', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    } as RequestInit);
    const outcome = await importAnnotatedRequest({ id: adminId, role: 'ADMIN', disabled: false }, request, { name: 'export.jsonl' });
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    if (!outcome.ok) throw new Error(outcome.error.message);

    const again = path.join(dir, 'again.jsonl');
    await exportTo(again);
    const sameAfterRoundTrip = (await blankedHash(exported)) === (await blankedHash(again));
    const { created, annotations, relations, failed } = outcome.value;
    return { bytes, seconds, articles: created, annotations, relations, failed, baselineRss, peakRss, sameAfterRoundTrip };
  } finally {
    await disconnectDb();
    if (process.env.BENCH_KEEP_FILES) console.error(`[bench:export] import files kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

console.log(JSON.stringify(await main()));
