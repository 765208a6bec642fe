import type { Metadata } from 'next';
import Link from 'next/link';
import { ArticleMeta } from '@/components/articles/ArticleMeta';
import { articleListQuerySchema, listArticles } from '@/lib/articles/queries';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Articles' };

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('read:corpus');
  const raw = await searchParams;
  // A bad cursor in a hand-edited URL just starts from the first page.
  const query = articleListQuerySchema.safeParse({ cursor: raw.cursor, limit: 50 });
  const { items, nextCursor } = await listArticles(query.success ? query.data : { limit: 50 });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Articles</h1>
      {items.length === 0 ? (
        <p className="text-stone-600">No articles yet.</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Articles">
          {items.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-4 px-4 py-3">
              <div>
                <Link href={`/articles/${a.id}`} className="font-medium text-indigo-800 hover:underline">
                  {a.title}
                </Link>
                <ArticleMeta source={a.source} author={a.author} publishedAt={a.publishedAt} />
              </div>
              <span className="shrink-0 text-sm text-stone-500 tabular-nums">
                {a.annotationCount} {a.annotationCount === 1 ? 'annotation' : 'annotations'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <Link href={`/articles?cursor=${nextCursor}`} className="inline-block text-sm font-medium text-indigo-800 hover:underline">
          Next page →
        </Link>
      ) : null}
    </div>
  );
}
