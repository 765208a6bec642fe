import type { ReviewerProgress } from '@/lib/progress/model';
import { utcMinute } from '@/components/ui/utc-minute';
import { ReviewersChart } from './ReviewersChart';
import { cell, ProgressSection, ProgressTableHead } from './ProgressSection';

/** Decisions per reviewer: total, last 7 and 30 days, approvals and rejections. */
export function ReviewerProgressSection({ reviewers, csvHref, ranged }: { reviewers: ReviewerProgress[]; csvHref: string; ranged: boolean }) {
  return (
    // Each section spells out its own table: the columns differ, and ProgressSection already holds what they share.
    <ProgressSection
      id="reviewers"
      title="Per reviewer"
      csvHref={csvHref}
      empty={reviewers.length === 0}
      emptyText={`No review decisions${ranged ? ' in this range' : ''} yet.`}
      chart={<ReviewersChart data={reviewers.map(({ name, approvals, rejections }) => ({ name, approvals, rejections }))} />}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Decisions per reviewer: total, last 7 and 30 days, approvals and rejections</caption>
        <ProgressTableHead rowHeading="Reviewer" figures={['Decisions', 'Last 7 days', 'Last 30 days', 'Approvals', 'Rejections', 'Latest']} />
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
  );
}
