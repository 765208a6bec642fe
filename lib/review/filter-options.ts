import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';

export interface QueueFilterOptions {
  authors: { id: string; name: string }[];
  articles: { id: string; title: string }[];
}

/** Most articles the article filter lists; beyond, reviewers reach an article from its own page. */
const ARTICLE_OPTIONS_MAX = 500;

/**
 * What the queue's author and article filters offer: the people and articles that have pending
 * annotations in this reviewer's queue. One index probe per user and per article (the queue's
 * author and article indexes), never a scan of the pending annotations. The article the queue is
 * filtered by (`selectedArticleId`) is always offered, even past the first ARTICLE_OPTIONS_MAX,
 * so the filter shows what is applied.
 */
export async function queueFilterOptions(actor: Actor, selectedArticleId?: string): Promise<QueueFilterOptions> {
  const [authors, articles, selected] = await Promise.all([
    db().$queryRaw<{ id: string; name: string }[]>`
      SELECT u.id, u.name FROM "User" u
      WHERE u.id <> ${actor.id} AND EXISTS (SELECT 1 FROM "Annotation" a WHERE a."authorId" = u.id AND a.status = 'PENDING')
      ORDER BY u.name, u.id`,
    db().$queryRaw<{ id: string; title: string }[]>`
      SELECT ar.id, ar.title FROM "Article" ar
      WHERE ar."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "Annotation" a WHERE a."articleId" = ar.id AND a.status = 'PENDING' AND a."authorId" <> ${actor.id})
      ORDER BY ar.title, ar.id LIMIT ${ARTICLE_OPTIONS_MAX}`,
    selectedArticleId ? db().article.findFirst({ where: { id: selectedArticleId, archivedAt: null }, select: { id: true, title: true } }) : null,
  ]);
  if (selected && !articles.some((a) => a.id === selected.id)) articles.push(selected);
  return { authors, articles };
}
