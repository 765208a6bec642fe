import type { AnnotatorProgress } from '@/lib/progress/model';
import { AnnotatorsChart } from './AnnotatorsChart';
import { cell, percent, ProgressSection, ProgressTableHead } from './ProgressSection';

/** Annotations per annotator, approval rate and rejection reasons. */
export function AnnotatorProgressSection({ annotators, csvHref, rangeNote }: { annotators: AnnotatorProgress[]; csvHref: string; rangeNote: string }) {
  return (
    // Each section spells out its own table: the columns differ, and ProgressSection already holds what they share.
    <ProgressSection
      id="annotators"
      title="Per annotator"
      csvHref={csvHref}
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
        <ProgressTableHead rowHeading="Annotator" figures={['Created', 'Pending', 'Approved', 'Rejected', 'Approval rate']} texts={['Top rejection reasons']} />
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
  );
}
