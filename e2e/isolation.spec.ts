import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { disconnectDb } from '../lib/db.ts';
import { createTestAnnotation, createTestArticle, createTestUser, expect, signIn, test } from './support/fixtures.ts';
import { startWorkerApp, type WorkerApp } from './support/worker-app.ts';

/** Runs `write` on another database through the fixtures' own helpers (which use this worker's). */
async function inDatabase<T>(databaseUrl: string, write: () => Promise<T>): Promise<T> {
  const own = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
  try {
    return await write();
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = own;
  }
}

const queueIds = async (page: Page, articleId: string) => {
  const response = await page.request.get(`/api/review/queue?articleId=${articleId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { annotation: { id: string } }[] }).items.map((item) => item.annotation.id);
};

test('a pending annotation made in another worker’s app is in that app’s review queue and never in this worker’s', async ({
  page,
  browser,
  reviewer,
  workerApp,
}) => {
  test.setTimeout(120_000);
  // What another worker gets: its own copy of the template, served on its own port.
  let other: WorkerApp | undefined;
  try {
    other = await startWorkerApp(`newsmark_e2e_other_${randomBytes(5).toString('hex')}`);
    expect(other.baseURL).not.toBe(workerApp.baseURL);
    expect(other.databaseUrl).not.toBe(workerApp.databaseUrl);

    const { otherReviewer, annotation, article } = await inDatabase(other.databaseUrl, async () => {
      const researcher = await createTestUser('RESEARCHER');
      const article = await createTestArticle('Elsewhere', 'The lighthouse keeper said the lamp failed twice.');
      const annotation = await createTestAnnotation(article, researcher, { quote: 'the lamp failed twice' });
      return { otherReviewer: await createTestUser('REVIEWER'), annotation, article };
    });

    // There it is in the queue (so the check below can fail)...
    const otherContext = await browser.newContext({ baseURL: other.baseURL });
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, otherReviewer);
    expect(await queueIds(otherPage, article.id)).toEqual([annotation.id]);
    await otherContext.close();

    // ...and this worker's app knows neither the annotation nor its article.
    await signIn(page, reviewer);
    expect(await queueIds(page, article.id)).toEqual([]);
    expect((await page.request.get(`/api/annotations/${annotation.id}`)).status()).toBe(404);
  } finally {
    await other?.close();
  }
});
