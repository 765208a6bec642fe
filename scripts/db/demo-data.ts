import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../lib/audit/record.ts';
import { hashPassword } from '../../lib/auth/password.ts';
import type { Role } from '../../lib/auth/policy.ts';
import { contentHash, normalizeArticleText } from '../../lib/articles/normalize.ts';
import { db } from '../../lib/db.ts';
import { findUserIdByEmail } from '../../lib/users/queries.ts';
import { loadDemoArticles } from './demo-articles.ts';

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  name: string;
}

const DEMO_USERS: Omit<DemoLogin, 'password'>[] = [
  { email: 'admin@newsmark.local', name: 'Ada Admin', role: 'ADMIN' },
  { email: 'reviewer@newsmark.local', name: 'Rui Reviewer', role: 'REVIEWER' },
  { email: 'researcher@newsmark.local', name: 'Rosa Researcher', role: 'RESEARCHER' },
];

/** Random per installation, so no demo instance shares a guessable password. */
const newDemoPassword = () => randomBytes(9).toString('base64url');

export async function databaseHasUsers(): Promise<boolean> {
  return (await db().user.count()) > 0;
}

/**
 * Demo users and articles, in one transaction so a crash leaves either all or nothing.
 * Articles already present (same content hash) are skipped, so re-running is harmless.
 */
export async function seedDemoData(): Promise<{ logins: DemoLogin[]; articlesCreated: number }> {
  const articles = await loadDemoArticles();
  const logins = DEMO_USERS.map((u) => ({ ...u, password: newDemoPassword() }));
  const hashes = await Promise.all(logins.map((l) => hashPassword(l.password)));
  return db().$transaction(
    async (tx) => {
      const created: DemoLogin[] = [];
      for (const [i, login] of logins.entries()) {
        if (await findUserIdByEmail(tx, login.email)) continue;
        const user = await tx.user.create({ data: { email: login.email, name: login.name, role: login.role, passwordHash: hashes[i]! } });
        await recordAudit(tx, { actorId: null, action: 'user.create', entity: 'User', entityId: user.id, after: { email: user.email, name: user.name, role: user.role, seeded: true } });
        created.push(login);
      }
      const admin = await tx.user.findFirst({ where: { role: 'ADMIN' }, orderBy: { createdAt: 'asc' } });
      let articlesCreated = 0;
      for (const a of articles) {
        const text = normalizeArticleText(a.text);
        const hash = contentHash(text);
        if (await tx.article.count({ where: { contentHash: hash } })) continue;
        const article = await tx.article.create({
          data: { title: a.title, text, contentHash: hash, source: a.source, author: a.author, url: a.url, publishedAt: a.publishedAt, language: a.language, importedById: admin?.id ?? null },
        });
        await recordAudit(tx, { actorId: null, action: 'article.create', entity: 'Article', entityId: article.id, after: { title: article.title, seeded: true } });
        articlesCreated++;
      }
      return { logins: created, articlesCreated };
    },
    { timeout: 60_000 },
  );
}
