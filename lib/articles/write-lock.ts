import { Prisma, type DbTx } from '../db.ts';

/**
 * Every write to what an article holds (its annotations, their decisions and relations) starts
 * here, in its transaction: it locks the article's row and reads archivedAt in the same
 * statement, and refuses an archived article. Archiving takes FOR UPDATE on the same row
 * (lib/articles/manage.ts), so it waits for the writes already past this lock, and a write that
 * comes after it waits, then reads the new archivedAt: nothing is written to an archived article.
 *
 * Why FOR KEY SHARE: of the row locks it conflicts with FOR UPDATE only. So writers neither wait
 * for each other here (later work wants concurrent writers on one article), nor for the
 * annotation-count triggers, whose UPDATE of "Article" takes FOR NO KEY UPDATE; and a writer
 * holding it may run that UPDATE itself while others hold it too, with no lock upgrade to
 * deadlock on (two FOR SHARE holders that both UPDATE the row would). The other side of the
 * bargain: archiving must lock FOR UPDATE explicitly, since a bare UPDATE of archivedAt takes
 * only FOR NO KEY UPDATE, which does not wait for this lock.
 *
 * Lock order, to stay free of deadlocks: articles (in id order), then annotations (in id
 * order, lockAnnotations in lib/annotations/service.ts).
 */
export async function lockArticlesForWrite(tx: DbTx, ids: readonly string[]): Promise<{ id: string; archivedAt: Date | null }[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw`SELECT "id", "archivedAt" FROM "Article" WHERE "id" IN (${Prisma.join([...new Set(ids)])}) ORDER BY "id" FOR KEY SHARE`;
}
