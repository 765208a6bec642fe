import { db } from '@/lib/db.ts';

/** Whether the article exists (archived ones too: they stay readable). Reads the id only, never the text. */
export async function liveArticleExists(articleId: string): Promise<boolean> {
  return (await db().article.findUnique({ where: { id: articleId }, select: { id: true } })) !== null;
}
