import Link from 'next/link';
import type { ArticleListItem } from '@/lib/articles/queries';
import { AnnotationCounts } from './AnnotationCounts';
import { ArticleMeta } from './ArticleMeta';
import { Highlighted } from './Highlighted';

export function ArticleList({ items }: { items: ArticleListItem[] }) {
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Articles">
      {items.map((a) => (
        <li key={a.id} className="space-y-1 px-4 py-3" lang={a.language ?? undefined}>
          <div className="flex flex-wrap items-baseline gap-2">
            <Link href={`/articles/${a.id}`} className="font-medium text-indigo-800 hover:underline">
              <Highlighted segments={a.titleHighlight} />
            </Link>
            {a.archivedAt ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Archived</span> : null}
          </div>
          <ArticleMeta source={a.source} author={a.author} publishedAt={a.publishedAt} />
          {a.snippet.length ? (
            <p className="text-sm text-stone-700" data-testid="snippet">
              <Highlighted segments={a.snippet} />
            </p>
          ) : null}
          <AnnotationCounts counts={a.counts} />
        </li>
      ))}
    </ul>
  );
}
