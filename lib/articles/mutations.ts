import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, isUniqueViolation, type DbTx, type Prisma } from '@/lib/db.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import type { ArticleMetadataInput } from './metadata-schema.ts';
import { canonicalizeUrl } from './parse/canonical-url.ts';
import { ARTICLE_METADATA_SELECT } from './queries.ts';

/** Admin changes to an article: metadata (never the text) and archiving. Callers check `can(actor, 'manage:articles')`. */

type ArticleMetadata = {
  id: string;
  title: string;
  source: string | null;
  author: string | null;
  url: string | null;
  canonicalUrl: string | null;
  publishedAt: Date | null;
  language: string | null;
  archivedAt: Date | null;
  updatedAt: Date;
};

type Field = 'title' | 'source' | 'author' | 'url' | 'canonicalUrl' | 'publishedAt' | 'language';
type Snapshot = Partial<Record<Field, string | null>>;

const asJson = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);

/**
 * FOR UPDATE, not just the UPDATE that follows: it is the one row lock that waits for the FOR
 * KEY SHARE every write to the article's annotations holds (lib/articles/write-lock.ts), so an
 * archive lands between writes, never under one.
 */
async function lockArticle(tx: DbTx, id: string): Promise<ArticleMetadata | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Article" WHERE "id" = ${id} FOR UPDATE`;
  return locked.length ? tx.article.findUnique({ where: { id }, select: ARTICLE_METADATA_SELECT }) : null;
}

/**
 * Changes the metadata of an article, never its text. A changed URL recomputes canonicalUrl; if
 * another article has that canonical URL already, the answer is a conflict and nothing changes.
 * Only fields whose value differs are written and audited (before and after).
 */
export async function updateArticleMetadata(actor: Actor, id: string, input: ArticleMetadataInput): Promise<Result<ArticleMetadata>> {
  try {
    return await db().$transaction(async (tx) => {
      const current = await lockArticle(tx, id);
      if (!current) return NO_SUCH_ARTICLE;
      const differs = <K extends Field>(field: K, value: string | Date | null | undefined) => value !== undefined && asJson(value) !== asJson(current[field]);
      const next: Prisma.ArticleUpdateInput = {};
      if (input.title !== undefined && differs('title', input.title)) next.title = input.title;
      if (differs('source', input.source)) next.source = input.source;
      if (differs('author', input.author)) next.author = input.author;
      if (differs('url', input.url)) {
        next.url = input.url;
        // The importer's rule: no fragment, no utm_* parameters, lower-case host, http(s) only.
        next.canonicalUrl = input.url ? canonicalizeUrl(input.url) : null;
      }
      if (differs('publishedAt', input.publishedAt)) next.publishedAt = input.publishedAt;
      if (differs('language', input.language)) next.language = input.language;
      const changed = Object.keys(next) as Field[];
      if (changed.length === 0) return ok(current);
      const updated = await tx.article.update({ where: { id }, data: next, select: ARTICLE_METADATA_SELECT });
      const before: Snapshot = {};
      const after: Snapshot = {};
      for (const field of changed) {
        before[field] = asJson(current[field]);
        after[field] = asJson(updated[field]);
      }
      await recordAudit(tx, { actorId: actor.id, action: 'article.update', entity: 'Article', entityId: id, before, after });
      return ok(updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail('conflict', 'Another article already has this URL.', {
        url: ['Another article already has this URL (compared without utm_* parameters and the fragment).'],
      });
    }
    throw error;
  }
}

/** Archived articles leave the lists and counts but keep their annotations; unarchiving restores them. */
export async function setArticleArchived(actor: Actor, id: string, archived: boolean): Promise<Result<ArticleMetadata>> {
  return db().$transaction(async (tx) => {
    const current = await lockArticle(tx, id);
    if (!current) return NO_SUCH_ARTICLE;
    if ((current.archivedAt !== null) === archived) return ok(current);
    const updated = await tx.article.update({ where: { id }, data: { archivedAt: archived ? new Date() : null }, select: ARTICLE_METADATA_SELECT });
    await recordAudit(tx, {
      actorId: actor.id,
      action: archived ? 'article.archive' : 'article.unarchive',
      entity: 'Article',
      entityId: id,
      before: { archivedAt: asJson(current.archivedAt) },
      after: { archivedAt: asJson(updated.archivedAt) },
    });
    return ok(updated);
  });
}
