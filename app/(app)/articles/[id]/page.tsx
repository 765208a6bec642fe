import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleMeta } from '@/components/articles/ArticleMeta';
import { articleIdSchema, getArticle } from '@/lib/articles/queries';
import { splitParagraphs } from '@/lib/articles/paragraphs';
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

export default async function ArticlePage({ params }: Props) {
  await requirePagePermission('read:corpus');
  const article = await load(params);
  if (!article) notFound();
  const paragraphs = splitParagraphs(article.text);
  return (
    <article className="mx-auto max-w-3xl" lang={article.language ?? undefined}>
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
