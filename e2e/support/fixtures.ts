import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import type { AnnotationKindName, AnnotationStatusName, RelationTypeName } from '../../lib/annotations/model.ts';
import { contentHash, normalizeArticleText } from '../../lib/articles/normalize.ts';
import { hashPassword } from '../../lib/auth/password.ts';
import type { Role } from '../../lib/auth/policy.ts';
import { db, disconnectDb } from '../../lib/db.ts';
import { startWorkerApp, type WorkerApp } from './worker-app.ts';

// Fixtures write straight to the worker's database (fast, no UI), as the Epic Stack does.

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

const unique = () => randomBytes(5).toString('hex');

export async function createTestUser(role: Role, overrides: Partial<Pick<TestUser, 'name' | 'password'>> = {}): Promise<TestUser> {
  const password = overrides.password ?? `pw-${unique()}-long`;
  const name = overrides.name ?? `${role[0]}${role.slice(1).toLowerCase()} ${unique()}`;
  const email = `${role.toLowerCase()}-${unique()}@e2e.example`;
  const user = await db().user.create({ data: { email, name, role, passwordHash: await hashPassword(password) } });
  return { id: user.id, email, name, role, password };
}

export interface TestArticleOptions {
  source?: string;
  publishedAt?: Date | null;
  url?: string | null;
  /** As the importer would compute it from url. */
  canonicalUrl?: string | null;
}

export async function createTestArticle(title: string, text: string, options: TestArticleOptions = {}): Promise<{ id: string; title: string; text: string }> {
  const normalized = normalizeArticleText(`${text}\n\n(${unique()})`);
  const article = await db().article.create({
    data: {
      title,
      text: normalized,
      contentHash: contentHash(normalized),
      source: options.source ?? 'E2E Gazette',
      publishedAt: options.publishedAt ?? null,
      url: options.url ?? null,
      canonicalUrl: options.canonicalUrl ?? null,
    },
  });
  return { id: article.id, title, text: normalized };
}

/** An annotation (by default on the first characters of an article's text), straight into the database. */
export async function createTestAnnotation(
  article: { id: string; text: string },
  author: Pick<TestUser, 'id'>,
  options: {
    kind?: AnnotationKindName;
    status?: AnnotationStatusName;
    start?: number;
    end?: number;
    quote?: string;
    note?: string;
    attributes?: Record<string, unknown>;
  } = {},
): Promise<{ id: string; start: number; end: number }> {
  let start = options.start ?? 0;
  if (options.quote !== undefined) {
    start = article.text.indexOf(options.quote, options.start ?? 0);
    if (start < 0) throw new Error(`"${options.quote}" is not in the article's text`);
  }
  const end = options.quote !== undefined ? start + options.quote.length : (options.end ?? Math.min(article.text.length, start + 10));
  return db().annotation.create({
    data: {
      articleId: article.id,
      authorId: author.id,
      kind: options.kind ?? 'claim',
      status: options.status ?? 'pending',
      start,
      end,
      exact: article.text.slice(start, end),
      prefix: article.text.slice(Math.max(0, start - 32), start),
      suffix: article.text.slice(end, end + 32),
      note: options.note ?? '',
      attributes: (options.attributes ?? {}) as object,
    },
    select: { id: true, start: true, end: true },
  });
}

/** A relation between two annotations of one article, e.g. a claim attributed_to a source. */
export async function createTestRelation(
  from: { id: string },
  to: { id: string },
  author: Pick<TestUser, 'id'>,
  type: RelationTypeName = 'attributed_to',
): Promise<{ id: string }> {
  return db().relation.create({ data: { fromId: from.id, toId: to.id, type, authorId: author.id }, select: { id: true } });
}

/** A comment on an annotation's thread. */
export async function createTestComment(annotation: { id: string }, author: Pick<TestUser, 'id'>, body: string): Promise<{ id: string }> {
  return db().comment.create({ data: { annotationId: annotation.id, authorId: author.id, body }, select: { id: true } });
}

/** Signs in through next-auth's endpoint, sharing cookies with the page: quick, for tests not about the form. */
export async function signIn(page: Page, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/credentials', { form: { email: user.email, password: user.password, csrfToken, json: 'true' } });
  expect(response.status(), `sign-in of ${user.email}`).toBe(200);
}

/** Signs in through the real form, as a person does. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export const test = base.extend<{ researcher: TestUser; reviewer: TestUser; admin: TestUser }, { workerApp: WorkerApp }>({
  workerApp: [
    async ({}, use, workerInfo) => {
      // Named apart from any other run's on a shared server (TEST_DATABASE_URL may be one).
      const app = await startWorkerApp(`newsmark_e2e_w${workerInfo.parallelIndex}_${unique()}`);
      process.env.DATABASE_URL = app.databaseUrl;
      try {
        await use(app);
      } finally {
        await disconnectDb();
        await app.close();
      }
    },
    { scope: 'worker', auto: true, timeout: 120_000 },
  ],
  baseURL: async ({ workerApp }, use) => use(workerApp.baseURL),
  researcher: async ({}, use) => use(await createTestUser('RESEARCHER')),
  reviewer: async ({}, use) => use(await createTestUser('REVIEWER')),
  admin: async ({}, use) => use(await createTestUser('ADMIN')),
});

export { expect };
