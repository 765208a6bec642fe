'use client';

import { describeChange, describeHistoryItem, type HistoryItem } from '@/lib/annotations/history-diff';
import { useItemsFromApi } from './useItemsFromApi';

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** A timeline entry as `GET /api/annotations/:id/history` answers it (times as ISO strings). */
export type HistoryItemJson = HistoryItem<string>;

const MARKERS: Record<HistoryItemJson['type'], string> = {
  created: 'bg-indigo-500',
  edited: 'bg-stone-400',
  decided: 'bg-amber-500',
  commented: 'bg-sky-500',
  linked: 'bg-violet-500',
  unlinked: 'bg-violet-300',
  deleted: 'bg-red-500',
};

function markerOf(item: HistoryItemJson): string {
  if (item.type === 'decided') return item.decision === 'approve' ? 'bg-emerald-600' : 'bg-red-600';
  return MARKERS[item.type];
}

/**
 * An annotation's timeline from the audit trail, oldest first: created, each edit field by field,
 * decisions, comments, links. It loads when mounted (mount it inside a closed <details> so it loads
 * when opened) and again whenever `refreshKey` changes. Only for saved annotations: the panel shows none before the server has it.
 */
export function HistoryTimeline({ annotationId, refreshKey = 0 }: { annotationId: string; refreshKey?: number }) {
  const { items, loadError } = useItemsFromApi<HistoryItemJson>(`/api/annotations/${annotationId}/history`, refreshKey);

  if (loadError) return <p className="text-sm text-red-700">{loadError}</p>;
  if (items === null) return <p className="text-sm text-stone-600">Loading…</p>;
  if (items.length === 0) return <p className="text-sm text-stone-600">No recorded history.</p>;

  return (
    <ol aria-label="History" className="space-y-2 border-l border-stone-200 pl-3">
      {items.map((item) => {
        // An edit of several fields lists them one per line; a single change reads as one sentence.
        const details = item.type === 'edited' && item.changes.filter((c) => c.field !== 'status').length > 1 ? item.changes : null;
        return (
          <li key={item.id} className="relative text-sm">
            <span aria-hidden="true" className={`absolute top-1.5 -left-[17px] h-2 w-2 rounded-full ${markerOf(item)}`} />
            <p className="text-xs text-stone-600">
              <span className="font-medium text-stone-800">{item.actor?.name ?? 'A deleted user'}</span> ·{' '}
              <time dateTime={item.at}>{timeFormat.format(new Date(item.at))}</time>
              {item.type === 'edited' && item.version ? <> · version {item.version}</> : null}
            </p>
            {details ? (
              <>
                <p className="break-words">{item.actor?.name ?? 'A deleted user'} edited it:</p>
                <ul className="list-disc pl-4 break-words">
                  {details.map((change) => (
                    <li key={change.field}>{change.field === 'status' ? `it went back to ${String(change.after)}` : describeChange(change)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="break-words">{describeHistoryItem(item)}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
