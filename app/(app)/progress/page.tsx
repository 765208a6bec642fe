import type { Metadata } from 'next';
import Link from 'next/link';
import { AnnotatorsChart } from '@/components/progress/AnnotatorsChart';
import { ArticlesChart } from '@/components/progress/ArticlesChart';
import { cell, headCell, percent, ProgressSection } from '@/components/progress/ProgressSection';
import { ReviewersChart } from '@/components/progress/ReviewersChart';
import { requirePagePermission } from '@/lib/auth/session';
import { annotatorProgress, articleProgress, reviewerProgress } from '@/lib/progress/queries';
import { progressQuerySchema } from '@/lib/progress/schemas';
import { parseInput } from '@/lib/validation';
import { utcMinute } from '@/components/ui/utc-minute';

export const metadata: Metadata = { title: 'Progress' };

/** The article table shows the most annotated; the CSV has every one. */
const ARTICLE_ROWS = 200;
const CHART_ARTICLES = 20;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function ProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Everyone who reads the corpus sees its progress: annotations, their authors and their
  // decisions are open to every role (docs/architecture.md "Roles and permissions"), so these figures reveal nothing more.
  await requirePagePermission('read:corpus');
  const raw = await searchParams;
  const values = { from: first(raw.from), to: first(raw.to) };
  const parsed = parseInput(progressQuerySchema, values);
  const query = parsed.ok ? parsed.value : progressQuerySchema.parse({});
  const usable = parsed.ok ? values : { from: '', to: '' };
  const [articles, annotators, reviewers] = await Promise.all([articleProgress(query), annotatorProgress(query), reviewerProgress(query)]);
  const qs = new URLSearchParams(Object.entries(usable).filter(([, v]) => v)).toString();
  const csv = (table: string) => `/api/progress/${table}.csv${qs ? `?${qs}` : ''}`;
  const rangeNote = usable.from || usable.to ? ` created ${usable.from ? `from ${usable.from}` : ''} ${usable.to ? `to ${usable.to}` : ''}`.trimEnd() : '';

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Progress</h1>
        <p className="text-sm text-stone-600">Annotation and review across the corpus (archived articles left out). Each table can be downloaded as CSV.</p>
        <form method="get" aria-label="Date range" className="flex flex-wrap items-end gap-3 rounded-md border border-stone-200 bg-white p-3 text-sm">
          <label className="flex flex-col">
            <span className="text-xs font-medium text-stone-700">From</span>
            <input type="date" name="from" defaultValue={usable.from} className="rounded border border-stone-300 px-2 py-1" />
          </label>
          <label className="flex flex-col">
            <span className="text-xs font-medium text-stone-700">to</span>
            <input type="date" name="to" defaultValue={usable.to} className="rounded border border-stone-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded bg-stone-900 px-3 py-1 font-medium text-white">
            Apply
          </button>
          {qs ? (
            <Link href="/progress" className="text-indigo-800 underline">
              All time
            </Link>
          ) : null}
          <span className="text-xs text-stone-600">Annotations by the day they were created, decisions by the day they were made (UTC).</span>
        </form>
        {parsed.ok ? null : (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            Ignored the date range:{' '}
            {Object.values(parsed.error.fieldErrors ?? {})
              .flat()
              .join(' ')}
          </p>
        )}
      </div>

      <ProgressSection
        id="articles"
        title="Per article"
        csvHref={csv('articles')}
        empty={articles.length === 0}
        emptyText={`No annotations${rangeNote} yet.`}
        chart={
          <ArticlesChart data={articles.slice(0, CHART_ARTICLES).map(({ title, pending, approved, rejected }) => ({ title, pending, approved, rejected }))} />
        }
      >
        <table className="w-full text-sm">
          <caption className="sr-only">Annotations per article by kind and status, and the share reviewed</caption>
          <thead className="bg-stone-50 text-stone-700">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Article
              </th>
              <th scope="col" className={headCell}>
                Annotations
              </th>
              <th scope="col" className={headCell}>
                Claims
              </th>
              <th scope="col" className={headCell}>
                Events
              </th>
              <th scope="col" className={headCell}>
                Sources
              </th>
              <th scope="col" className={headCell}>
                Pending
              </th>
              <th scope="col" className={headCell}>
                Approved
              </th>
              <th scope="col" className={headCell}>
                Rejected
              </th>
              <th scope="col" className={headCell}>
                Reviewed
              </th>
            </tr>
          </thead>
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

      <ProgressSection
        id="annotators"
        title="Per annotator"
        csvHref={csv('annotators')}
        empty={annotators.length === 0}
        emptyText={`No one has annotated${rangeNote} yet.`}
        chart={
          <AnnotatorsChart
            data={annotators.filter((a) => a.approvalRate !== null).map((a) => ({ name: a.name, approvalRate: Math.round((a.approvalRate ?? 0) * 1000) / 10 }))}
          />
        }
      >
        <table className="w-full text-sm">
          <caption className="sr-only">Annotations per annotator, approval rate and rejection reasons</caption>
          <thead className="bg-stone-50 text-stone-700">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Annotator
              </th>
              <th scope="col" className={headCell}>
                Created
              </th>
              <th scope="col" className={headCell}>
                Pending
              </th>
              <th scope="col" className={headCell}>
                Approved
              </th>
              <th scope="col" className={headCell}>
                Rejected
              </th>
              <th scope="col" className={headCell}>
                Approval rate
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Top rejection reasons
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {annotators.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {a.name}
                </th>
                <td className={cell}>{a.created}</td>
                <td className={cell}>{a.pending}</td>
                <td className={cell}>{a.approved}</td>
                <td className={cell}>{a.rejected}</td>
                <td className={cell}>{percent(a.approvalRate)}</td>
                <td className="px-3 py-2 text-left">
                  {a.rejectionReasons.length ? (
                    <ul className="space-y-0.5">
                      {a.rejectionReasons.slice(0, 3).map((r) => (
                        <li key={r.reason}>
                          {r.reason} <span className="tabular-nums text-stone-500">({r.count})</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-stone-500">None</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ProgressSection>

      <ProgressSection
        id="reviewers"
        title="Per reviewer"
        csvHref={csv('reviewers')}
        empty={reviewers.length === 0}
        emptyText={`No review decisions${usable.from || usable.to ? ' in this range' : ''} yet.`}
        chart={<ReviewersChart data={reviewers.map(({ name, approvals, rejections }) => ({ name, approvals, rejections }))} />}
      >
        <table className="w-full text-sm">
          <caption className="sr-only">Decisions per reviewer: total, last 7 and 30 days, approvals and rejections</caption>
          <thead className="bg-stone-50 text-stone-700">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Reviewer
              </th>
              <th scope="col" className={headCell}>
                Decisions
              </th>
              <th scope="col" className={headCell}>
                Last 7 days
              </th>
              <th scope="col" className={headCell}>
                Last 30 days
              </th>
              <th scope="col" className={headCell}>
                Approvals
              </th>
              <th scope="col" className={headCell}>
                Rejections
              </th>
              <th scope="col" className={headCell}>
                Latest
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {reviewers.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {r.name}
                </th>
                <td className={cell}>{r.decisions}</td>
                <td className={cell}>{r.last7Days}</td>
                <td className={cell}>{r.last30Days}</td>
                <td className={cell}>{r.approvals}</td>
                <td className={cell}>{r.rejections}</td>
                <td className={cell}>{utcMinute(r.lastDecisionAt, '–')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ProgressSection>
    </div>
  );
}
