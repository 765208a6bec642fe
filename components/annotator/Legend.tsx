'use client';

import { useMemo } from 'react';
import {
  type AnnotationStatusName,
  ANNOTATION_KINDS,
  type AnnotationKindName,
  KIND_LABEL,
  KIND_CUE,
  STATUS_LABEL,
  ANNOTATION_STATUSES as STATUSES,
} from '@/lib/annotations/model';
import type { PaintAnnotation } from '@/lib/annotations/paint';

export type AuthorFilter = 'all' | 'mine' | 'others';
export interface Filters {
  hiddenKinds: ReadonlySet<AnnotationKindName>;
  hiddenStatuses: ReadonlySet<AnnotationStatusName>;
  author: AuthorFilter;
}

export const NO_FILTERS: Filters = { hiddenKinds: new Set(), hiddenStatuses: new Set(), author: 'all' };

export function isVisible(a: PaintAnnotation, filters: Filters, meId: string): boolean {
  if (filters.hiddenKinds.has(a.kind) || filters.hiddenStatuses.has(a.status)) return false;
  if (filters.author === 'mine') return a.authorId === meId;
  if (filters.author === 'others') return a.authorId !== meId;
  return true;
}

/** The class names on the text that hide filtered highlights: a filter is CSS, not a re-render. */
export function filterClasses(filters: Filters): string {
  return [
    ...[...filters.hiddenKinds].map((k) => `f-hide-${k}`),
    ...[...filters.hiddenStatuses].map((s) => `f-hide-${s}`),
    filters.author !== 'all' ? `f-${filters.author}` : '',
  ].join(' ');
}

function toggle<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

/** One filter checkbox: shown when checked, with how many highlights it covers. */
function CheckRow({ checked, onToggle, count, children }: { checked: boolean; onToggle: () => void; count: number; children: React.ReactNode }) {
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={checked} onChange={onToggle} />
      {children}
      <span className="ml-auto tabular-nums text-stone-600">{count}</span>
    </label>
  );
}

export function Legend({
  annotations,
  filters,
  onChange,
  meId,
}: {
  annotations: PaintAnnotation[];
  filters: Filters;
  onChange: (f: Filters) => void;
  meId: string;
}) {
  const counts = useMemo(() => {
    const kinds = { claim: 0, event: 0, source: 0 };
    const statuses = { pending: 0, approved: 0, rejected: 0 };
    let mine = 0;
    let myRejected = 0;
    for (const a of annotations) {
      kinds[a.kind]++;
      statuses[a.status]++;
      if (a.authorId === meId) {
        mine++;
        if (a.status === 'rejected') myRejected++;
      }
    }
    return { kinds, statuses, mine, myRejected };
  }, [annotations, meId]);
  // The author's feedback view: what reviewers rejected of mine, to revise.
  const onlyMyRejected =
    filters.author === 'mine' &&
    filters.hiddenKinds.size === 0 &&
    filters.hiddenStatuses.has('pending') &&
    filters.hiddenStatuses.has('approved') &&
    !filters.hiddenStatuses.has('rejected');
  const shown = useMemo(() => annotations.filter((a) => isVisible(a, filters, meId)).length, [annotations, filters, meId]);

  return (
    <section aria-labelledby="legend-heading" className="space-y-3 rounded-md border border-stone-200 bg-white p-3 text-sm">
      <h2 id="legend-heading" className="font-semibold">
        Highlights{' '}
        <span className="font-normal text-stone-600">({shown === annotations.length ? annotations.length : `${shown} of ${annotations.length} shown`})</span>
      </h2>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium uppercase tracking-wide text-stone-600">Kind</legend>
        {ANNOTATION_KINDS.map((kind) => (
          <CheckRow
            key={kind}
            checked={!filters.hiddenKinds.has(kind)}
            onToggle={() => onChange({ ...filters, hiddenKinds: toggle(filters.hiddenKinds, kind) })}
            count={counts.kinds[kind]}
          >
            <span className={`legend-swatch k-${kind}`} aria-hidden="true">
              Abc
            </span>
            <span>
              {KIND_LABEL[kind]} <span className="sr-only">({KIND_CUE[kind]})</span>
            </span>
          </CheckRow>
        ))}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium uppercase tracking-wide text-stone-600">Status</legend>
        {/* Like the kinds above, but each list toggles its own set; CheckRow holds what the rows share. */}
        {STATUSES.map((status) => (
          <CheckRow
            key={status}
            checked={!filters.hiddenStatuses.has(status)}
            onToggle={() => onChange({ ...filters, hiddenStatuses: toggle(filters.hiddenStatuses, status) })}
            count={counts.statuses[status]}
          >
            <span>{STATUS_LABEL[status]}</span>
          </CheckRow>
        ))}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium uppercase tracking-wide text-stone-600">Author</legend>
        {(
          [
            ['all', 'Everyone', annotations.length],
            ['mine', 'Mine', counts.mine],
            ['others', "Others'", annotations.length - counts.mine],
          ] as const
        ).map(([value, label, count]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name="author-filter" checked={filters.author === value} onChange={() => onChange({ ...filters, author: value })} />
            <span>{label}</span>
            <span className="ml-auto tabular-nums text-stone-600">{count}</span>
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        aria-pressed={onlyMyRejected}
        onClick={() => onChange(onlyMyRejected ? NO_FILTERS : { hiddenKinds: new Set(), hiddenStatuses: new Set(['pending', 'approved']), author: 'mine' })}
        className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-900 hover:bg-red-50 aria-pressed:bg-red-100"
      >
        {onlyMyRejected ? 'Show all again' : `Only my rejected (${counts.myRejected})`}
      </button>
    </section>
  );
}
