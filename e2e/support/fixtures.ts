import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { contentHash, normalizeArticleText } from '../../lib/articles/normalize.ts';
import { hashPassword } from '../../lib/auth/password.ts';
import type { Role } from '../../lib/auth/policy.ts';
import { db } from '../../lib/db.ts';

// Fixtures write straight to the test database (fast, no UI), as the Epic Stack does.
process.env.DATABASE_URL ??= process.env.E2E_DATABASE_URL;

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

export async function createTestArticle(title: string, text: string): Promise<{ id: string; title: string; text: string }> {
  const normalized = normalizeArticleText(`${text}\n\n(${unique()})`);
  const article = await db().article.create({ data: { title, text: normalized, contentHash: contentHash(normalized), source: 'E2E Gazette' } });
  return { id: article.id, title, text: normalized };
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

export const test = base.extend<{ researcher: TestUser; reviewer: TestUser; admin: TestUser }>({
  researcher: async ({}, use) => use(await createTestUser('RESEARCHER')),
  reviewer: async ({}, use) => use(await createTestUser('REVIEWER')),
  admin: async ({}, use) => use(await createTestUser('ADMIN')),
});

export { expect };
