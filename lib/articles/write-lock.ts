import { Prisma, type DbTx } from '@/lib/db.ts';

/**
 * Every write to what an article holds (its annotations, their decisions and relations) starts
 * here, in its transaction: it locks the article's row and reads archivedAt in the same
 * statement, and refuses an archived article. Archiving takes FOR UPDATE on the same row
 * (lib/articles/mutations.ts), so it waits for the writes already past this lock, and a write that
 * comes after it waits, then reads the new archivedAt: nothing is written to an archived article.
 *
 * Why FOR KEY SHARE: of the row locks it conflicts with FOR UPDATE only, so writers do not wait
 * for each other here (a create takes it in its one statement: lib/annotations/create-statement.ts).
 * The annotation counts are not on this row but on the article's "ArticleAnnotationCount" row,
 * which the count triggers update after this lock is held: writers on one article wait for each
 * other there only, from the end of their statement to their commit. The other side of the
 * bargain: archiving must lock FOR UPDATE explicitly, since a bare UPDATE of archivedAt takes
 * only FOR NO KEY UPDATE, which does not wait for this lock; its trigger then updates the counts
 * row too (its archived copy), after every writer it waited for has committed.
 *
 * Lock order, to stay free of deadlocks: articles (in id order), then annotations (in id
 * order, lockAnnotations in lib/annotations/mutations.ts).
 */
export async function lockArticlesForWrite(tx: DbTx, ids: readonly string[]): Promise<{ id: string; archivedAt: Date | null }[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw`SELECT "id", "archivedAt" FROM "Article" WHERE "id" IN (${Prisma.join([...new Set(ids)])}) ORDER BY "id" FOR KEY SHARE`;
}
