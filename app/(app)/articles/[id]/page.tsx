import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleAdminControls } from '@/components/articles/ArticleAdminControls';
import { ArticleMeta } from '@/components/articles/ArticleMeta';
import { articleIdSchema, getArticle } from '@/lib/articles/queries';
import { splitParagraphs } from '@/lib/articles/paragraphs';
import { can } from '@/lib/auth/policy';
import { requirePagePermission } from '@/lib/auth/session';

type Props = { params: Promise<{ id: string }> };

async function load(params: Props['params']) {
  const id = articleIdSchema.safeParse((await params).id);
  return id.success ? getArticle(id.data) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePagePermission('read:corpus');
  const article = await load(params);
  return { title: article?.title ?? 'Article not found' };
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function ArticlePage({ params }: Props) {
  const user = await requirePagePermission('read:corpus');
  const article = await load(params);
  if (!article) notFound();
  const paragraphs = splitParagraphs(article.text);
  return (
    <article className="mx-auto max-w-3xl" lang={article.language ?? undefined}>
      {article.archivedAt ? (
        <div role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong className="font-semibold">Archived</strong> on {dateFormat.format(article.archivedAt)}. It is hidden from the article lists and
          counts; its annotations are kept.
        </div>
      ) : null}
      <header className="mb-6 space-y-2 border-b border-stone-200 pb-4">
        <h1 className="font-serif text-3xl font-semibold leading-tight">{article.title}</h1>
        <ArticleMeta source={article.source} author={article.author} publishedAt={article.publishedAt} />
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
      <div className="space-y-4 font-serif text-lg leading-relaxed">
        {paragraphs.map((p) => (
          <p key={p.start} data-start={p.start} className="whitespace-pre-wrap">
            {p.text}
          </p>
        ))}
      </div>
    </article>
  );
}
