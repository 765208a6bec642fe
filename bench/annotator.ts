/**
 * `npm run bench:annotator` (issue 4, point 10): the article page `/articles/<id>` with a long
 * text, first without annotations (the reference), then with thousands of overlapping ones, in
 * the same run on the same machine: Playwright in Chromium against the production build.
 *
 *   ready      navigation start until every highlight is painted (`data-ready="true"` on
 *              `[data-annotator-text]`) and a word selected with the mouse shows the toolbar
 *              "Tag selection". Target: annotated p50 and p95 <= 2 x reference + 500 ms.
 *   add one    the key `c` on a fresh selection until a new `[data-id]` highlight is in the
 *              text and painted. Target: p95 < 100 ms over 50 additions.
 *   scroll     the longest task (PerformanceObserver 'longtask') while scrolling the whole
 *              article with the mouse wheel. Target: none over 200 ms.
 *   server     the full HTML response (Node fetch with the session cookie, body read), p50
 *              after warm-up. Target: annotated <= 1.5 x reference.
 *   sent once  sampled annotation ids occur exactly once in the annotated HTML (in the RSC
 *              payload, not also rendered into the markup); HTML bytes of both pages.
 *   DOM        element counts after ready.
 *
 * `--smoke`: a 20,000-character article with 1,000 annotations and few runs.
 * TEST_DATABASE_URL: use that server (a database is created and dropped) instead of a
 * throwaway embedded PostgreSQL. BENCH_KEEP_OPEN=1 leaves the server up at the end for a look.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { getPackedPaintData } from '../lib/annotations/queries.ts';
import { contentHash } from '../lib/articles/normalize.ts';
import { hashPassword } from '../lib/auth/password.ts';
import { disconnectDb } from '../lib/db.ts';
import { applyMigrations } from '../scripts/db/schema-engine.ts';
import { ensureBuild } from '../scripts/lib/build.ts';
import { createDatabaseIfMissing } from '../scripts/lib/database-url.ts';
import { databaseUrl, dropDatabase, startTestServer } from '../scripts/lib/test-database.ts';
import { INSTRUMENTATION, type AddSample } from './annotator-page.ts';
import { generateArticle, generateSpans, RESERVED_WORD, spanStats, type SpanRow } from './annotator-workload.ts';
import { percentile } from './stats.ts';
import { startApp, stopApp } from './app-server.ts';

const smoke = process.argv.includes('--smoke');
const CONFIG = smoke
  ? { chars: 20_000, annotations: 1_000, readyRuns: 3, adds: 10, serverWarmup: 3, serverRuns: 10, scrollRuns: 1 }
  : { chars: 100_000, annotations: 5_000, readyRuns: 7, adds: 50, serverWarmup: 5, serverRuns: 25, scrollRuns: 2 };
const AUTHORS = 4; // the signed-in researcher and three colleagues
const SEED = 20261121;
/** How long the page may take to show the annotator's text element, and to become ready. */
const APPEAR_TIMEOUT = 30_000;
const READY_TIMEOUT = 120_000;
const VIEWPORT = { width: 1280, height: 900 };

const log = (line: string) => console.log(`[bench:annotator] ${line}`);

/** The page lacks what the annotator must provide; the message says what. */
class ContractError extends Error {}

interface PhaseResult {
  label: string;
  annotations: number;
  server: number[];
  /** The page's paint-data query alone, from this process: how much of `server` is the database. */
  paintQuery: number[];
  html: string;
  painted: number[];
  ready: number[];
  readyFallbacks: number;
  elements: number[];
  highlights: number[];
  scrollLongest: number[];
  scrollLongTasks: number;
  scrollLongestFrame: number;
  scrollDistance: number;
  loadLongest: number;
  adds: number[];
  addsMissing: number;
  /** What the page looked like when an addition did not show up. */
  addFailures: string[];
  addsSaved: number;
  /** Why the browser metrics are missing or partial. */
  browserError: string | null;
}

const cuid = () => `c${randomBytes(16).toString('hex').slice(0, 24)}`;

async function seed(client: pg.Client, text: string, title: string) {
  const password = `bench-${randomBytes(8).toString('hex')}`;
  const passwordHash = await hashPassword(password);
  const users = Array.from({ length: AUTHORS }, (_, i) => ({
    id: cuid(),
    email: i === 0 ? 'researcher@bench.example' : `colleague-${i}@bench.example`,
    name: i === 0 ? 'Bench Researcher' : `Colleague ${i}`,
  }));
  for (const u of users) {
    await client.query(`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, $2, $3, 'RESEARCHER', $4, now())`, [
      u.id,
      u.email,
      u.name,
      passwordHash,
    ]);
  }
  const articleId = cuid();
  await client.query(
    `INSERT INTO "Article" ("id", "title", "text", "contentHash", "source", "author", "publishedAt", "language", "updatedAt")
     VALUES ($1, $2, $3, $4, 'Bench Gazette', 'Bench Desk', '2026-03-14', 'en', now())`,
    [articleId, title, text, contentHash(text)],
  );
  return { articleId, users, email: users[0]!.email, password };
}

/** One INSERT … SELECT FROM unnest(…) for every span. */
async function insertAnnotations(client: pg.Client, articleId: string, userIds: string[], spans: SpanRow[]): Promise<number> {
  const column = <T>(f: (s: SpanRow) => T) => spans.map(f);
  const started = performance.now();
  await client.query(
    `INSERT INTO "Annotation" ("id", "articleId", "authorId", "kind", "start", "end", "exact", "prefix", "suffix", "status", "version", "createdAt", "updatedAt")
     SELECT t.id, $1, t.author, t.kind::"AnnotationKind", t.s, t.e, t.exact, t.prefix, t.suffix, t.status::"AnnotationStatus", 1, t.at, t.at
     FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamp(3)[])
       AS t(id, author, kind, s, e, exact, prefix, suffix, status, at)`,
    [
      articleId,
      column((s) => s.id),
      column((s) => userIds[s.authorIndex]!),
      column((s) => s.kind),
      column((s) => s.start),
      column((s) => s.end),
      column((s) => s.exact),
      column((s) => s.prefix),
      column((s) => s.suffix),
      column((s) => s.status),
      column((s) => s.createdAt.toISOString().replace('T', ' ').replace('Z', '')),
    ],
  );
  return performance.now() - started;
}

async function signIn(context: BrowserContext, baseURL: string, email: string, password: string): Promise<string> {
  const { csrfToken } = (await (await context.request.get(`${baseURL}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await context.request.post(`${baseURL}/api/auth/callback/credentials`, { form: { email, password, csrfToken, json: 'true' } });
  if (response.status() !== 200) throw new Error(`Sign-in of ${email} answered ${response.status()}`);
  const cookies = await context.cookies(baseURL);
  if (!cookies.some((c) => c.name.includes('session-token')))
    throw new Error(`Sign-in of ${email} set no session cookie (got ${cookies.map((c) => c.name).join(', ')})`);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Milliseconds for the whole HTML of the page, body read, after warm-up requests. */
async function timeServer(url: string, cookie: string): Promise<{ samples: number[]; html: string }> {
  let html = '';
  const samples: number[] = [];
  for (let i = 0; i < CONFIG.serverWarmup + CONFIG.serverRuns; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    html = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status} (signed out?)`);
    if (i >= CONFIG.serverWarmup) samples.push(ms);
  }
  return { samples, html };
}

/** The paint-data query the page runs (getPackedPaintData in lib/annotations/queries.ts), timed alone, as many times as the page. */
async function timePaintQuery(articleId: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < CONFIG.serverWarmup + CONFIG.serverRuns; i++) {
    const started = performance.now();
    await getPackedPaintData(articleId);
    if (i >= CONFIG.serverWarmup) samples.push(performance.now() - started);
  }
  return samples;
}

/** Navigates and waits until the annotator says its highlights are painted; the guard messages name what is missing. */
async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'commit' });
  const text = page.locator('[data-annotator-text]');
  try {
    await text.first().waitFor({ state: 'attached', timeout: APPEAR_TIMEOUT });
  } catch {
    const status = await page.evaluate(() => `${document.title} (${document.getElementsByTagName('*').length} elements)`).catch(() => '?');
    throw new ContractError(
      `No [data-annotator-text] element on ${url} after ${APPEAR_TIMEOUT / 1000} s (page: ${status}). The annotator UI is not on this branch yet, or it no longer marks its text element.`,
    );
  }
  try {
    await page.waitForFunction(() => window.__bench.readyAt !== null, null, { polling: 'raf', timeout: READY_TIMEOUT });
  } catch {
    throw new ContractError(
      `[data-annotator-text] never got data-ready="true" within ${READY_TIMEOUT / 1000} s on ${url}: the annotator must set it once its highlights are painted.`,
    );
  }
}

/** Selects a word with a real mouse drag and waits for the toolbar; returns the in-page time it was painted. */
async function selectWord(page: Page, where: { fraction: number } | { exact: string }): Promise<{ at: number; fallback: boolean; word: string }> {
  const box = await page.evaluate(
    ([fraction, exact]) => window.__bench.wordBox(fraction, exact),
    'exact' in where ? ([null, where.exact] as const) : ([where.fraction, null] as const),
  );
  if (!box) throw new ContractError(`Found no word to select inside [data-annotator-text] (${JSON.stringify(where)}).`);
  // A real drag, kept to few input events: each one is a round trip to the browser that would
  // count in "ready" for both pages.
  await page.mouse.move(box.x1, box.y);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y);
  await page.mouse.up();
  try {
    await page.getByRole('toolbar', { name: 'Tag selection' }).waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const selected = await page.evaluate(() => String(getSelection() ?? ''));
    throw new ContractError(`Selecting "${box.word}" with the mouse (selection now "${selected}") showed no toolbar named "Tag selection" within 10 s.`);
  }
  // The in-page stamp is exact; if the observer missed the toolbar (say it shows without a DOM change), take the time now.
  const stamp = await page.evaluate(() => window.__bench.toolbarPaintedAt ?? window.__bench.toolbarSeenAt);
  if (stamp !== null) return { at: stamp, fallback: false, word: box.word };
  return { at: await page.evaluate(() => performance.now()), fallback: true, word: box.word };
}

async function measureReady(context: BrowserContext, url: string, result: PhaseResult): Promise<void> {
  for (let run = 0; run <= CONFIG.readyRuns; run++) {
    const page = await context.newPage();
    try {
      await openReady(page, url);
      const painted = await page.evaluate(() => window.__bench.readyAt!);
      const selected = await selectWord(page, { exact: RESERVED_WORD });
      const counts = await page.evaluate(() => window.__bench.counts());
      if (run === 0) continue; // warm-up: compiles, caches
      result.painted.push(painted);
      result.ready.push(selected.at);
      if (selected.fallback) result.readyFallbacks++;
      result.elements.push(counts.elements);
      result.highlights.push(counts.highlights);
      const longest = await page.evaluate(() => Math.max(0, ...window.__bench.longTasks.map((t) => t.duration)));
      result.loadLongest = Math.max(result.loadLongest, longest);
    } finally {
      await page.close();
    }
  }
}

async function measureScroll(context: BrowserContext, url: string, result: PhaseResult): Promise<void> {
  for (let run = 0; run < CONFIG.scrollRuns; run++) {
    const page = await context.newPage();
    try {
      await openReady(page, url);
      await page.waitForTimeout(500); // let the load's own work finish: only the scrolling counts
      const box = await page.locator('[data-annotator-text]').first().boundingBox();
      await page.mouse.move(box ? box.x + Math.min(box.width / 2, 300) : VIEWPORT.width / 2, VIEWPORT.height / 2);
      const since = await page.evaluate(() => performance.now());
      let state = await page.evaluate(() => window.__bench.scrollState());
      const startTop = state.top;
      let stalled = 0;
      for (let step = 0; step < 2_000 && stalled < 10; step++) {
        await page.mouse.wheel(0, 400);
        await page.evaluate(() => window.__bench.frames(2));
        const next = await page.evaluate(() => window.__bench.scrollState());
        stalled = next.top > state.top ? 0 : stalled + 1;
        state = next;
        if (state.top >= state.max - 1) break;
      }
      await page.waitForTimeout(300);
      if (state.top < state.max - 1) throw new ContractError(`Scrolling with the mouse wheel stopped at ${state.top} of ${state.max} px.`);
      const tasks = await page.evaluate((t) => window.__bench.longTasks.filter((e) => e.start >= t), since);
      const frames = await page.evaluate((t) => window.__bench.longFrames.filter((e) => e.start >= t), since);
      result.scrollLongest.push(Math.max(0, ...tasks.map((t) => t.duration)));
      result.scrollLongTasks += tasks.length;
      result.scrollLongestFrame = Math.max(result.scrollLongestFrame, ...frames.map((f) => f.duration));
      result.scrollDistance = state.top - startTop;
    } finally {
      await page.close();
    }
  }
}

/** CONFIG.adds times: select a word somewhere in the article, press c, time until the new highlight is painted. */
async function measureAdds(context: BrowserContext, url: string, result: PhaseResult): Promise<void> {
  const page = await context.newPage();
  // Saves in flight (the live event stream, which never ends, is not one of them).
  let inFlight = 0;
  const counts = (r: { method(): string; resourceType(): string }) => r.method() !== 'GET' && r.resourceType() !== 'eventsource';
  page.on('request', (r) => void (counts(r) && inFlight++));
  page.on('requestfinished', (r) => void (counts(r) && inFlight--));
  page.on('requestfailed', (r) => void (counts(r) && inFlight--));
  try {
    await openReady(page, url);
    for (let i = 0; i < CONFIG.adds; i++) {
      const { word } = await selectWord(page, { fraction: (i + 0.5) / CONFIG.adds });
      await page.evaluate(() => window.__bench.armAdd());
      await page.keyboard.press('c');
      let sample: AddSample | null = null;
      try {
        await page.waitForFunction(() => window.__bench.add?.paintedAt != null, null, { polling: 'raf', timeout: 5_000 });
        sample = await page.evaluate(() => window.__bench.add);
      } catch {
        result.addsMissing++;
        const state = await page.evaluate(() => ({
          selection: String(getSelection() ?? ''),
          focus: document.activeElement
            ? `${document.activeElement.tagName.toLowerCase()}${document.activeElement.id ? `#${document.activeElement.id}` : ''} "${(document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent ?? '').slice(0, 40)}"`
            : 'none',
          keySeen: window.__bench.add?.keyAt != null,
          messages: Array.from(document.querySelectorAll('[role="alert"], [role="status"]'), (e) => e.textContent?.trim())
            .filter(Boolean)
            .join(' | ')
            .slice(0, 200),
        }));
        result.addFailures.push(
          `#${i + 1} "${word}": no new highlight after 5 s; key seen by the page: ${state.keySeen}; selection "${state.selection}"; focus ${state.focus}; messages: ${state.messages || 'none'}`,
        );
        if (result.addsMissing >= 3)
          throw new ContractError(`Pressing "c" on a selection added no new [data-annotator-text] [data-id] element within 5 s, ${result.addsMissing} times.`);
      }
      if (sample?.paintedAt != null) result.adds.push(sample.paintedAt - (sample.keyAt ?? sample.paintedAt));
      // Let the save finish, then close whatever the addition opened, before the next one.
      const deadline = Date.now() + 5_000;
      while (inFlight > 0 && Date.now() < deadline) await page.waitForTimeout(10);
      await page.keyboard.press('Escape');
      await page.evaluate(() => window.__bench.frames(2));
    }
  } finally {
    await page.close();
  }
}

async function measurePhase(
  label: string,
  context: BrowserContext,
  articleId: string,
  url: string,
  cookie: string,
  annotations: number,
  onMissing: (message: string) => void,
): Promise<PhaseResult> {
  const result: PhaseResult = {
    label,
    annotations,
    server: [],
    paintQuery: [],
    html: '',
    painted: [],
    ready: [],
    readyFallbacks: 0,
    elements: [],
    highlights: [],
    scrollLongest: [],
    scrollLongTasks: 0,
    scrollLongestFrame: 0,
    scrollDistance: 0,
    loadLongest: 0,
    adds: [],
    addsMissing: 0,
    addFailures: [],
    addsSaved: 0,
    browserError: null,
  };
  log(`${label}: server response ×${CONFIG.serverWarmup}+${CONFIG.serverRuns}`);
  const server = await timeServer(url, cookie);
  result.server = server.samples;
  result.html = server.html;
  result.paintQuery = await timePaintQuery(articleId);
  try {
    log(`${label}: ready ×1+${CONFIG.readyRuns}`);
    await measureReady(context, url, result);
    log(`${label}: scroll ×${CONFIG.scrollRuns}`);
    await measureScroll(context, url, result);
    log(`${label}: add one ×${CONFIG.adds}`);
    await measureAdds(context, url, result);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    result.browserError = error.message;
    onMissing(`${label}: ${error.message}`);
    // Still count what the plain page holds, for the record.
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    result.elements.push(await page.evaluate(() => document.getElementsByTagName('*').length));
    await page.close();
  }
  return result;
}

// ---- report -------------------------------------------------------------------------------

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const p50 = (s: number[]) => percentile(s, 50);
const p95 = (s: number[]) => percentile(s, 95);
const pair = (s: number[], digits = 0) => (s.length ? `${fmt(p50(s), digits)} / ${fmt(p95(s), digits)}` : '–');

interface Line {
  metric: string;
  reference: string;
  annotated: string;
  ratio: string;
  target: string;
  /** true pass, false fail, null informational */
  pass: boolean | null;
}

function report(ref: PhaseResult, ann: PhaseResult, ids: string[]): Line[] {
  const lines: Line[] = [];
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '–');
  const haveReady = ref.ready.length > 0 && ann.ready.length > 0;

  lines.push({
    metric: 'painted: navigation -> data-ready, ms p50 / p95',
    reference: pair(ref.painted),
    annotated: pair(ann.painted),
    ratio: ratio(p50(ann.painted), p50(ref.painted)),
    target: 'info',
    pass: null,
  });
  const readyLimit = (s: number[], p: number) => 2 * percentile(s, p) + 500;
  lines.push({
    metric: 'ready: navigation -> painted + toolbar on a selection, ms p50 / p95',
    reference: pair(ref.ready),
    annotated: pair(ann.ready),
    ratio: ratio(p50(ann.ready), p50(ref.ready)),
    target: haveReady ? `<= 2 x ref + 500 = ${fmt(readyLimit(ref.ready, 50))} / ${fmt(readyLimit(ref.ready, 95))}` : '<= 2 x ref + 500',
    pass: haveReady ? p50(ann.ready) <= readyLimit(ref.ready, 50) && p95(ann.ready) <= readyLimit(ref.ready, 95) : false,
  });
  lines.push({
    metric: `add one: key c -> new highlight painted, ms p50 / p95 (of ${CONFIG.adds})`,
    reference: pair(ref.adds) + (ref.addsMissing ? ` (${ref.addsMissing} missing)` : ''),
    annotated: pair(ann.adds) + (ann.addsMissing ? ` (${ann.addsMissing} missing)` : ''),
    ratio: ratio(p50(ann.adds), p50(ref.adds)),
    target: 'p95 < 100',
    pass: ann.adds.length === CONFIG.adds && ann.addsMissing === 0 && p95(ann.adds) < 100,
  });
  lines.push({
    metric: `scroll: longest long task, ms (${ref.scrollLongTasks} / ${ann.scrollLongTasks} long tasks in ${CONFIG.scrollRuns} runs)`,
    reference: ref.scrollLongest.length ? fmt(Math.max(...ref.scrollLongest)) : '–',
    annotated: ann.scrollLongest.length ? fmt(Math.max(...ann.scrollLongest)) : '–',
    ratio: '',
    target: 'none > 200',
    pass: ann.scrollLongest.length > 0 && Math.max(...ann.scrollLongest) <= 200,
  });
  lines.push({
    metric: 'scroll: longest animation frame, ms',
    reference: ref.scrollLongest.length ? fmt(ref.scrollLongestFrame) : '–',
    annotated: ann.scrollLongest.length ? fmt(ann.scrollLongestFrame) : '–',
    ratio: '',
    target: 'info',
    pass: null,
  });
  lines.push({
    metric: 'load: longest long task until ready, ms',
    reference: ref.ready.length ? fmt(ref.loadLongest) : '–',
    annotated: ann.ready.length ? fmt(ann.loadLongest) : '–',
    ratio: '',
    target: 'info',
    pass: null,
  });
  lines.push({
    metric: `server: full HTML response, ms p50 / p95 (${CONFIG.serverRuns} runs)`,
    reference: pair(ref.server),
    annotated: pair(ann.server),
    ratio: ratio(p50(ann.server), p50(ref.server)),
    target: '<= 1.50x (p50)',
    pass: p50(ann.server) <= 1.5 * p50(ref.server),
  });
  lines.push({
    metric: 'server: paint-data query alone (Prisma, bench process), ms',
    reference: pair(ref.paintQuery, 1),
    annotated: pair(ann.paintQuery, 1),
    ratio: ratio(p50(ann.paintQuery), p50(ref.paintQuery)),
    target: 'info',
    pass: null,
  });
  const refBytes = Buffer.byteLength(ref.html);
  const annBytes = Buffer.byteLength(ann.html);
  lines.push({ metric: 'HTML bytes', reference: fmt(refBytes), annotated: fmt(annBytes), ratio: ratio(annBytes, refBytes), target: 'info', pass: null });
  // Where each sampled id occurs: inside <script> (the RSC payload) or in the markup.
  const scripts = [...ann.html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]).join('\n');
  const markup = ann.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const count = (haystack: string, id: string) => haystack.split(id).length - 1;
  const occurrences = ids.map((id) => ({ payload: count(scripts, id), markup: count(markup, id) }));
  lines.push({
    metric: `sent once: ${ids.length} sampled ids in the HTML, payload+markup`,
    reference: '',
    annotated: occurrences.map((o) => `${o.payload}+${o.markup}`).join(' '),
    ratio: '',
    target: 'exactly 1 each',
    pass: occurrences.every((o) => o.payload + o.markup === 1),
  });
  lines.push({
    metric: 'DOM elements after ready',
    reference: fmt(p50(ref.elements)),
    annotated: fmt(p50(ann.elements)),
    ratio: ratio(p50(ann.elements), p50(ref.elements)),
    target: 'info',
    pass: null,
  });
  lines.push({
    metric: 'highlight elements [data-id] after ready',
    reference: fmt(p50(ref.highlights)),
    annotated: fmt(p50(ann.highlights)),
    ratio: '',
    target: 'info',
    pass: null,
  });
  return lines;
}

function printLines(title: string, lines: Line[]): void {
  const widths = {
    metric: Math.max(6, ...lines.map((l) => l.metric.length)),
    reference: Math.max(9, ...lines.map((l) => l.reference.length)),
    annotated: Math.max(9, ...lines.map((l) => l.annotated.length)),
    ratio: Math.max(5, ...lines.map((l) => l.ratio.length)),
    target: Math.max(6, ...lines.map((l) => l.target.length)),
  };
  const row = (c: Record<keyof typeof widths, string>, result: string) =>
    `${c.metric.padEnd(widths.metric)}  ${c.reference.padStart(widths.reference)}  ${c.annotated.padStart(widths.annotated)}  ${c.ratio.padStart(widths.ratio)}  ${c.target.padEnd(widths.target)}  ${result}`;
  console.log(`\n${title}`);
  console.log(row({ metric: 'metric', reference: 'reference', annotated: 'annotated', ratio: 'ratio', target: 'target' }, 'result'));
  console.log('(ratio: annotated / reference, of p50)');
  for (const l of lines) console.log(row(l, l.pass === null ? '' : l.pass ? 'pass' : 'FAIL'));
}

// ---- main ---------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  log(`${smoke ? 'smoke run' : 'full run'}: ${CONFIG.chars.toLocaleString('en')} characters, ${CONFIG.annotations.toLocaleString('en')} annotations`);
  const [testServer] = await Promise.all([startTestServer(), ensureBuild(log)]);
  const dbName = `bench_annotator_${randomBytes(4).toString('hex')}`;
  const dbUrl = databaseUrl(testServer.serverUrl, dbName);
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  let browser: Browser | null = null;
  const client = new pg.Client({ connectionString: dbUrl });
  let connected = false;
  const problems: string[] = [];
  try {
    await createDatabaseIfMissing(testServer.serverUrl, dbName);
    await applyMigrations(dbUrl);
    await client.connect();
    connected = true;
    process.env.DATABASE_URL = dbUrl; // for the paint-data query timed from this process

    const article = generateArticle(SEED, CONFIG.chars);
    const spans = generateSpans(SEED + 1, article.text, CONFIG.annotations, AUTHORS);
    const stats = spanStats(spans, article.text.length);
    const { articleId, users, email, password } = await seed(client, article.text, article.title);
    log(
      `article of ${article.text.length.toLocaleString('en')} UTF-16 units in ${article.text.split('\n\n').length} paragraphs; ${spans.length.toLocaleString('en')} spans ` +
        `(${spans.filter((s) => s.end - s.start >= 100).length} of 100+ units, ${stats.overlapping} overlapping another, nesting up to ${stats.maxDepth} deep, ${(stats.coveredShare * 100).toFixed(0)}% of the text covered)`,
    );

    app = await startApp(dbUrl);
    browser = await chromium.launch(chromiumLaunchOptions);
    const context = await browser.newContext({ viewport: VIEWPORT, baseURL: app.baseURL });
    await context.addInitScript({ content: INSTRUMENTATION });
    const cookie = await signIn(context, app.baseURL, email, password);
    const url = `${app.baseURL}/articles/${articleId}`;

    const reference = await measurePhase('reference (no annotations)', context, articleId, url, cookie, 0, (m) => problems.push(m));
    reference.addsSaved = Number((await client.query(`SELECT count(*) FROM "Annotation" WHERE "articleId" = $1`, [articleId])).rows[0].count);
    // Back to no annotations, then the workload.
    await client.query(`DELETE FROM "Annotation" WHERE "articleId" = $1`, [articleId]);
    const insertMs = await insertAnnotations(
      client,
      articleId,
      users.map((u) => u.id),
      spans,
    );
    await client.query('ANALYZE "Annotation"');
    log(`inserted ${spans.length.toLocaleString('en')} annotations in ${insertMs.toFixed(0)} ms (one INSERT … SELECT FROM unnest)`);

    const annotated = await measurePhase(`annotated (${spans.length.toLocaleString('en')})`, context, articleId, url, cookie, spans.length, (m) =>
      problems.push(m),
    );
    annotated.addsSaved = Number((await client.query(`SELECT count(*) FROM "Annotation" WHERE "articleId" = $1`, [articleId])).rows[0].count) - spans.length;

    const sampleIds = [0, Math.floor(spans.length / 3), Math.floor(spans.length / 2), Math.floor((2 * spans.length) / 3), spans.length - 1].map(
      (i) => spans[i]!.id,
    );
    const lines = report(reference, annotated, sampleIds);
    printLines(
      `Article page /articles/<id>, ${article.text.length.toLocaleString('en')} characters: no annotations (reference) vs ${spans.length.toLocaleString('en')} overlapping annotations, same article, same run` +
        ` (Chromium ${browser.version()}, viewport ${VIEWPORT.width}x${VIEWPORT.height}${smoke ? ', SMOKE run' : ''})`,
      lines,
    );
    console.log(`Additions saved by the server: ${reference.addsSaved} of ${CONFIG.adds} (reference), ${annotated.addsSaved} of ${CONFIG.adds} (annotated).`);
    if (reference.readyFallbacks + annotated.readyFallbacks)
      console.log(`Toolbar time taken on the Node side (in-page observer missed it) in ${reference.readyFallbacks + annotated.readyFallbacks} runs.`);
    console.log(
      `Scrolled ${annotated.scrollDistance.toLocaleString('en')} px of the annotated page per run. Took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
    const load = os.loadavg()[0]!;
    // The end figure includes this bench's own browser and server; only the start says whether others were busy.
    const busy = loadBefore > os.availableParallelism() / 2;
    console.log(
      `Load average ${loadBefore.toFixed(1)} at the start, ${load.toFixed(1)} at the end (this bench included), on ${os.availableParallelism()} cores${busy ? ': the machine was busy with other work when the bench began, so expect noisy figures' : ''}.`,
    );
    for (const phase of [reference, annotated]) for (const f of phase.addFailures) console.log(`Addition missing (${phase.label}) ${f}`);
    for (const p of problems) console.log(`\nNOT MEASURED: ${p}`);
    const failed = lines.filter((l) => l.pass === false).map((l) => l.metric.split(':')[0]);
    if (failed.length) console.log(`\nMissed targets: ${[...new Set(failed)].join(', ')}`);
    if (process.env.BENCH_KEEP_OPEN === '1') {
      console.log(`Keeping ${url} open (sign in as ${email} / ${password}); Ctrl-C to stop.`);
      await new Promise(() => {});
    }
    return failed.length || problems.length ? 1 : 0;
  } finally {
    await browser?.close().catch(() => {});
    if (app) await stopApp(app.child);
    if (connected) await client.end().catch(() => {});
    await disconnectDb().catch(() => {});
    if (!testServer.embedded) await dropDatabase(dbName, testServer.serverUrl).catch(() => {});
    await testServer.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('[bench:annotator] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  return 1;
});
