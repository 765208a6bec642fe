import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { ArticleAdminControls } from '@/components/articles/ArticleAdminControls';
import { ArticleMeta } from '@/components/articles/ArticleMeta';
import { ExportMenu } from '@/components/export/ExportMenu';
import { Annotator } from '@/components/annotator/Annotator';
import { getPackedPaintData } from '@/lib/annotations/queries';
import { getArticle } from '@/lib/articles/queries';
import { can } from '@/lib/auth/policy';
import { requirePagePermission } from '@/lib/auth/session';
import { REJECT_REASONS } from '@/lib/review/reasons';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';

// One read of the article per request, shared by the metadata and the page.
const loadArticle = cache(async (id: string) => getArticle(id));

export async function generateMetadata({ params }: IdRouteContext): Promise<Metadata> {
  await requirePagePermission('read:corpus');
  const id = await routeId(params);
  const article = id ? await loadArticle(id) : null;
  return { title: article?.title ?? 'Article not found' };
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function ArticlePage({ params }: IdRouteContext) {
  const user = await requirePagePermission('read:corpus');
  const id = await routeId(params);
  if (!id) notFound();
  // Not awaited: the annotations query runs while the text renders, and its result streams
  // to the annotator at the end of the same response.
  const paint = getPackedPaintData(id);
  const article = await loadArticle(id);
  if (!article) notFound();
  return (
    <article lang={article.language ?? undefined}>
      {article.archivedAt ? (
        <div role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong className="font-semibold">Archived</strong> on {dateFormat.format(article.archivedAt)}. It is hidden from the article lists and counts; its
          annotations are kept.
        </div>
      ) : null}
      <header className="mb-6 max-w-3xl space-y-2 border-b border-stone-200 pb-4">
        <h1 className="font-serif text-3xl font-semibold leading-tight">{article.title}</h1>
        <ArticleMeta source={article.source} author={article.author} publishedAt={article.publishedAt} />
        {article.archivedAt ? null : <ExportMenu articleId={article.id} />}
        {article.url && /^https?:\/\//i.test(article.url) ? (
          <p className="text-sm">
            <a href={article.url} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-indigo-800 hover:underline">
              {article.url}
            </a>
          </p>
        ) : null}
        {can(user, 'manage:articles') ? (
          <ArticleAdminControls
            article={{
              id: article.id,
              title: article.title,
              source: article.source,
              author: article.author,
              url: article.url,
              publishedDate: article.publishedAt ? article.publishedAt.toISOString().slice(0, 10) : '',
              language: article.language,
              archived: article.archivedAt !== null,
            }}
          />
        ) : null}
      </header>
      <Annotator
        article={{ id: article.id, text: article.text, archived: article.archivedAt !== null, language: article.language }}
        paint={paint}
        me={{ id: user.id, name: user.name, canAnnotate: can(user, 'create:annotation'), canComment: can(user, 'create:comment'), role: user.role }}
        rejectReasons={REJECT_REASONS}
      />
    </article>
  );
}
