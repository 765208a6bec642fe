import type { AnnotationCounts as Counts } from '@/lib/articles/annotation-counts';
import { countOf } from '@/components/ui/count';

/** Progress of one article: its annotations by kind, and by review status. */
export function AnnotationCounts({ counts }: { counts: Counts }) {
  const total = counts.claims + counts.events + counts.sources;
  if (total === 0) return <p className="text-xs text-stone-500">No annotations yet</p>;
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
      <div>
        <dt className="sr-only">By kind</dt>
        <dd>
          {countOf(counts.claims, 'claim', 'claims')} · {countOf(counts.events, 'event', 'events')} · {countOf(counts.sources, 'source', 'sources')}
        </dd>
      </div>
      <div>
        <dt className="sr-only">By review status</dt>
        <dd>
          <span className={counts.pending ? 'font-medium text-amber-800' : undefined}>{counts.pending} pending</span> ·{' '}
          <span className={counts.approved ? 'text-emerald-800' : undefined}>{counts.approved} approved</span> ·{' '}
          <span className={counts.rejected ? 'font-medium text-red-800' : undefined}>{counts.rejected} rejected</span>
        </dd>
      </div>
    </dl>
  );
}
