/**
 * A database restart under write load (issue 12, section 2), on a PostgreSQL and a production
 * server of this file's own: stopping the shared test database would disturb every other test.
 *
 * Asserts: every create answered 2xx is stored exactly once, nothing is answered 500, writes
 * and /api/health answer 503 with Retry-After while the database is down, the server process
 * is never restarted, its log holds one stack trace for the outage, an open annotator says it is
 * reconnecting and then shows a change made after recovery, and an import job whose process had
 * died is marked interrupted as soon as the server starts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { startApp, stopApp, type BenchApp } from '../bench/app-server.ts';
import { freePort } from '../bench/free-port.ts';
import { contentHash, normalizeArticleText } from '../lib/articles/normalize.ts';
import { hashPassword } from '../lib/auth/password.ts';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { applyMigrations } from '../scripts/db/schema-engine.ts';
import { startEmbeddedPostgres, type RunningPostgres } from '../scripts/lib/embedded-postgres.ts';
import { annotatorText, highlight } from './support/annotator.ts';
import { expect, signIn, test } from './support/fixtures.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

const TEXT = Array.from(
  { length: 40 },
  (_, i) => `Paragraph ${i + 1}: the harbour authority said the bridge would reopen after repairs to its northern span.`,
).join('\n\n');

let dir: string;
let postgres: RunningPostgres;
let port: number;
let app: BenchApp;
/** The browser reaches the server through it, so a test can cut the page's connections. */
let proxy: TcpProxy;
let prisma: PrismaClient;
let dbUrl: string;
const password = 'outage-test-password-long';
let user: { id: string; email: string };
let articleId: string;
let text: string;
let staleJobId: string;

const startPostgres = () => startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port, durable: false });

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsmark-outage-'));
  port = await freePort();
  postgres = await startPostgres();
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE newsmark');
  await admin.end();
  dbUrl = postgres.url('newsmark');
  await applyMigrations(dbUrl);
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl, max: 2 }) });
  user = await prisma.user.create({
    data: { email: 'outage@e2e.example', name: 'Outage Tester', role: 'RESEARCHER', passwordHash: await hashPassword(password) },
    select: { id: true, email: true },
  });
  text = normalizeArticleText(TEXT);
  articleId = (await prisma.article.create({ data: { title: 'Harbour bridge under load', text, contentHash: contentHash(text) } })).id;
  // A job whose process died two minutes ago: running, with a heartbeat nobody refreshes.
  staleJobId = (await prisma.importJob.create({ data: { createdById: user.id, status: 'running' } })).id;
  await prisma.$executeRaw`UPDATE "ImportJob" SET "heartbeatAt" = (now() AT TIME ZONE 'UTC') - interval '2 minutes' WHERE "id" = ${staleJobId}`;
  app = await startApp(dbUrl);
  proxy = await startTcpProxy(Number(new URL(app.baseURL).port));
});

test.afterAll(async () => {
  await proxy?.close();
  if (app) await stopApp(app.child);
  await prisma?.$disconnect();
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('an import job whose process died is interrupted as soon as a server starts', async () => {
  await expect.poll(async () => (await prisma.importJob.findUniqueOrThrow({ where: { id: staleJobId } })).status, { timeout: 10_000 }).toBe('interrupted');
});

test('a database restart under write load: no acknowledged write lost or doubled, 503 while down, live updates resume', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: proxy.url });
  const page = await context.newPage();
  const pid = app.child.pid;
  try {
    await signIn(page, { email: user.email, password });
    const listening = page.waitForResponse((r) => r.url().endsWith(`/api/articles/${articleId}/events`) && r.status() === 200);
    await page.goto(`/articles/${articleId}`);
    await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
    await listening;

    // Writers: each creates annotations one after another until told to stop, noting every answer.
    // They go to the server directly (the session cookie is the same: cookies ignore the port).
    const created: string[] = [];
    const statuses = new Map<number, number>();
    const retryAfter = new Set<string | undefined>();
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const start = (n++ * 13) % (text.length - 20);
        const response = await page.request
          .post(`${app.baseURL}/api/articles/${articleId}/annotations`, { data: { kind: 'claim', start, end: start + 12 }, failOnStatusCode: false })
          .catch(() => null);
        const status = response?.status() ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 201) created.push(((await response!.json()) as { id: string }).id);
        if (status === 503) {
          retryAfter.add(response!.headers()['retry-after']);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    // Two writers: enough to be mid-write when the server stops, light beside the tests running in parallel.
    const writers = Array.from({ length: 2 }, writer);
    await expect.poll(() => created.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);

    const stoppedAt = performance.now();
    await postgres.stop();
    await expect.poll(() => statuses.get(503) ?? 0, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const health = await page.request.get(`${app.baseURL}/api/health`, { failOnStatusCode: false });
    expect(health.status()).toBe(503);
    expect(health.headers()['retry-after']).toBe('5');
    // The open page says what is true: it is reconnecting, not signed out.
    await expect(page.locator('[data-live-status="reconnecting"]')).toHaveText(/Reconnecting/, { timeout: 20_000 });
    // A stream that drops now (a proxy's timeout, a network change) is answered 503 when the
    // browser reconnects, and EventSource gives up on any error status: the page must go on trying.
    const refusedStreams: number[] = [];
    page.on('response', (r) => r.url().endsWith(`/api/articles/${articleId}/events`) && refusedStreams.push(r.status()));
    proxy.dropAll();
    await expect.poll(() => refusedStreams.filter((s) => s === 503).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await expect(page.locator('[data-live-status="reconnecting"]')).toBeVisible();

    postgres = await startPostgres();
    const restartedAt = performance.now();
    await expect.poll(async () => (await page.request.get(`${app.baseURL}/api/health`, { failOnStatusCode: false })).status(), { timeout: 30_000 }).toBe(200);
    const afterRecovery = created.length;
    await expect.poll(() => created.length, { timeout: 30_000 }).toBeGreaterThan(afterRecovery + 5);
    writing = false;
    await Promise.all(writers);

    // A change made after recovery (as another instance or a script would) reaches the open page.
    const lateAt = performance.now();
    const late = await prisma.annotation.create({
      data: { articleId, authorId: user.id, kind: 'event', start: 0, end: 9, exact: text.slice(0, 9) },
      select: { id: true },
    });
    await expect(highlight(page, late.id)).toHaveCount(1, { timeout: 30_000 });
    expect(refusedStreams.at(-1)).toBe(200); // a new stream, opened by the page itself
    const shownAfter = performance.now() - lateAt;
    await expect(page.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');

    // Every acknowledged create is stored, once (ids are unique, so counting them by id says both).
    const stored = await prisma.annotation.count({ where: { id: { in: created } } });
    expect(new Set(created).size).toBe(created.length);
    expect(stored).toBe(created.length);
    // Nothing answered 500 or was left without an answer; only 201 and 503.
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    expect([...retryAfter]).toEqual(['5']);
    // The same server process throughout, and one stack trace for the whole outage.
    expect(app.child.exitCode).toBeNull();
    expect(app.child.pid).toBe(pid);
    const firstOfOutage = app.output.filter((line) => line.includes('[api] database unavailable (503 until it answers again)'));
    expect(firstOfOutage).toHaveLength(1);
    expect(app.output.filter((line) => line.includes('[api] database unavailable: ')).length).toBeGreaterThan(0);
    expect(app.output.filter((line) => /^\s+at /.test(line)).length).toBeLessThan(200);
    console.log(
      `outage ${Math.round((restartedAt - stoppedAt) / 1000)} s; answers ${JSON.stringify(Object.fromEntries(statuses))}; ${created.length} creates acknowledged, ${stored} stored; ` +
        `streams refused during the outage: ${refusedStreams.filter((s) => s === 503).length}; the change after recovery shown in ${Math.round(shownAfter)} ms; log lines: ${app.output.length}`,
    );
  } finally {
    await context.close();
  }
});
