/**
 * `npm run bench:login` (issue 11, point 5): does a burst of wrong logins starve the rest of the
 * app? The production build on a throwaway embedded PostgreSQL (or a database it creates on
 * TEST_DATABASE_URL). First the reference: `GET /api/health` timed one request after another with
 * nothing else going on. Then the burst: 50 clients each sending wrong passwords for one account,
 * one after another, for BENCH_SECONDS (default 15), while `/api/health` is timed the same way.
 *
 * The login limits are raised for this server (see LIMITS) so that every attempt reaches the
 * password check: the worst case for the CPU, as a distributed guessing attack on many accounts
 * would be. Target: health p99 < 100 ms during the burst. Exits 1 on a miss.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { hashPassword } from '../lib/auth/password.ts';
import { scratchDatabase, startApp, stopApp } from './app-server.ts';
import { percentile, printLatencies } from './stats.ts';

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const REFERENCE_REQUESTS = 300;
const TARGET_P99_MS = 100;
const LIMITS = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000',
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
};
const EMAIL = 'burst@bench.example';

const log = (line: string) => console.log(`[bench:login] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Times `/api/health`, one request after another, until `until()` says stop. */
async function timeHealth(baseURL: string, until: (count: number) => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until(samples.length)) {
    const started = performance.now();
    const response = await fetch(`${baseURL}/api/health`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`/api/health answered ${response.status}`);
    await sleep(10);
  }
  return samples;
}

/** One client: wrong passwords, one after another, until the deadline. Counts answers by status. */
async function guess(baseURL: string, csrf: { token: string; cookie: string }, deadline: number, statuses: Map<number, number>): Promise<void> {
  for (let i = 0; Date.now() < deadline; i++) {
    const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      body: new URLSearchParams({ email: EMAIL, password: `wrong-${randomBytes(6).toString('hex')}`, csrfToken: csrf.token, json: 'true' }),
    });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
}

async function csrfOf(baseURL: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  return { token: csrfToken, cookie };
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  const { dbUrl, close } = await scratchDatabase('bench_login', log);
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, $2, 'Burst', 'RESEARCHER', $3, now())`, [
        `c${randomBytes(12).toString('hex')}`,
        EMAIL,
        await hashPassword(randomBytes(12).toString('hex')),
      ]);
    } finally {
      await client.end();
    }
    app = await startApp(dbUrl, LIMITS);
    const { baseURL } = app;
    const csrf = await csrfOf(baseURL);
    // Warm-up: the first requests compile routes and open pool connections.
    await timeHealth(baseURL, (n) => n >= 30);
    await guess(baseURL, csrf, Date.now() + 1_000, new Map());

    const reference = await timeHealth(baseURL, (n) => n >= REFERENCE_REQUESTS);
    const statuses = new Map<number, number>();
    const deadline = Date.now() + SECONDS * 1000;
    const clients = Promise.all(Array.from({ length: CLIENTS }, () => guess(baseURL, csrf, deadline, statuses)));
    await sleep(500); // let the burst build up before timing
    const during = await timeHealth(baseURL, () => Date.now() >= deadline);
    await clients;

    const attempts = [...statuses.values()].reduce((a, b) => a + b, 0);
    const p99 = percentile(during, 99);
    printLatencies(`/api/health latency (ms), alone and during ${CLIENTS} concurrent clients sending wrong passwords for ${SECONDS} s`, [
      ['health, no burst (ref.)', reference],
      ['health, during the burst', during],
    ]);
    console.log(
      `p99 during the burst: ${p99.toFixed(1)} ms = ${(p99 / percentile(reference, 99)).toFixed(1)}x the reference p99; target < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`,
    );
    console.log(
      `Login attempts answered: ${attempts} (${(attempts / SECONDS).toFixed(0)}/s) by status ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')}.`,
    );
    const busy = loadBefore > os.availableParallelism() / 2;
    console.log(
      `Load average ${loadBefore.toFixed(1)} at the start on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work, expect noisy figures' : ''}.`,
    );
    return p99 < TARGET_P99_MS ? 0 : 1;
  } finally {
    if (app) await stopApp(app.child);
    await close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:login] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  return 1;
});
