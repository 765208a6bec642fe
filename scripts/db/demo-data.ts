import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../lib/audit/record.ts';
import { hashPassword } from '../../lib/auth/password.ts';
import type { Role } from '../../lib/auth/policy.ts';
import { createImportJob, finishImportJob, importParsedItems } from '../../lib/import-jobs/mutations.ts';
import { parseImportItem } from '../../lib/articles/parse/index.ts';
import { db } from '../../lib/db.ts';
import { findUserIdByEmail } from '../../lib/auth/queries.ts';
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
 * Demo users (one transaction), then the demo articles through the import service like any
 * other import, so they follow the same rules. Articles already present are reported as
 * duplicates, so re-running is harmless.
 */
export async function seedDemoData(): Promise<{ logins: DemoLogin[]; articlesCreated: number }> {
  const articles = await loadDemoArticles();
  const logins = DEMO_USERS.map((u) => ({ ...u, password: newDemoPassword() }));
  const hashes = await Promise.all(logins.map((l) => hashPassword(l.password)));
  const created = await db().$transaction(async (tx) => {
    const added: DemoLogin[] = [];
    for (const [i, login] of logins.entries()) {
      if (await findUserIdByEmail(tx, login.email)) continue;
      const user = await tx.user.create({ data: { email: login.email, name: login.name, role: login.role, passwordHash: hashes[i]! } });
      await recordAudit(tx, {
        actorId: null,
        action: 'user.create',
        entity: 'User',
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role, seeded: true },
      });
      added.push(login);
    }
    return added;
  });
  const admin = await db().user.findFirstOrThrow({ where: { role: 'ADMIN', disabledAt: null }, orderBy: { createdAt: 'asc' } });
  const actor = { id: admin.id, role: admin.role, disabled: false };
  const jobId = await createImportJob(actor);
  const items = articles.map((a) =>
    parseImportItem({ title: a.title, text: a.text, source: a.source, author: a.author, url: a.url, publishedAt: a.publishedAt, language: a.language }, a.file),
  );
  const outcome = await importParsedItems(actor, jobId, items);
  await finishImportJob(jobId);
  if (!outcome.ok) throw new Error(`Importing the demo articles failed: ${outcome.error.message}`);
  const failed = outcome.value.results.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`Demo articles failed to import: ${failed.map((r) => `${r.name}: ${r.error}`).join('; ')}`);
  return { logins: created, articlesCreated: outcome.value.created };
}
