import { z } from 'zod';
import { db } from '../db.ts';

export const articleListQuerySchema = z.object({
  cursor: z.string().max(64).regex(/^[a-z0-9]+$/i, 'Not a valid cursor.').optional(),
  limit: z.coerce.number().int('The limit is a whole number.').min(1, 'The limit is at least 1.').max(100, 'The limit is at most 100.').default(25),
});
export type ArticleListQuery = z.output<typeof articleListQuerySchema>;

export const articleIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+$/i);

const listSelect = {
  id: true,
  title: true,
  source: true,
  author: true,
  url: true,
  publishedAt: true,
  language: true,
  createdAt: true,
  _count: { select: { annotations: true } },
} as const;

export async function listArticles({ cursor, limit }: ArticleListQuery) {
  const rows = await db().article.findMany({
    where: { archivedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: listSelect,
  });
  const items = rows.slice(0, limit).map(({ _count, ...a }) => ({ ...a, annotationCount: _count.annotations }));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getArticle(id: string) {
  return db().article.findUnique({
    where: { id },
    select: { id: true, title: true, text: true, source: true, author: true, url: true, publishedAt: true, language: true, archivedAt: true, createdAt: true, updatedAt: true },
  });
}
