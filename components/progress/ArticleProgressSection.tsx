import Link from 'next/link';
import type { ArticleProgress } from '@/lib/progress/model';
import { ArticlesChart } from './ArticlesChart';
import { cell, percent, ProgressSection, ProgressTableHead } from './ProgressSection';

/** The article table shows the most annotated; the CSV has every one. */
const ARTICLE_ROWS = 200;
const CHART_ARTICLES = 20;

/** Annotations per article by kind and status, and the share reviewed. */
export function ArticleProgressSection({ articles, csvHref, rangeNote }: { articles: ArticleProgress[]; csvHref: string; rangeNote: string }) {
  return (
    // Each section spells out its own table: the columns differ, and ProgressSection already holds what they share.
    <ProgressSection
      id="articles"
      title="Per article"
      csvHref={csvHref}
      empty={articles.length === 0}
      emptyText={`No annotations${rangeNote} yet.`}
      chart={
        <ArticlesChart data={articles.slice(0, CHART_ARTICLES).map(({ title, pending, approved, rejected }) => ({ title, pending, approved, rejected }))} />
      }
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Annotations per article by kind and status, and the share reviewed</caption>
        <ProgressTableHead rowHeading="Article" figures={['Annotations', 'Claims', 'Events', 'Sources', 'Pending', 'Approved', 'Rejected', 'Reviewed']} />
        <tbody className="divide-y divide-stone-100">
          {articles.slice(0, ARTICLE_ROWS).map((a) => (
            <tr key={a.id}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={`/articles/${a.id}`} className="text-indigo-800 hover:underline">
                  {a.title}
                </Link>
              </th>
              <td className={cell}>{a.total}</td>
              <td className={cell}>{a.claims}</td>
              <td className={cell}>{a.events}</td>
              <td className={cell}>{a.sources}</td>
              <td className={cell}>{a.pending}</td>
              <td className={cell}>{a.approved}</td>
              <td className={cell}>{a.rejected}</td>
              <td className={cell}>{percent(a.reviewedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {articles.length > ARTICLE_ROWS ? (
        <p className="px-3 py-2 text-xs text-stone-600">
          The {ARTICLE_ROWS} most annotated of {articles.length.toLocaleString('en')} articles; the CSV has them all.
        </p>
      ) : null}
    </ProgressSection>
  );
}
