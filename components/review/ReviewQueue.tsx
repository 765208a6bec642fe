'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '@/lib/http/client';
import { RELATION_LABEL, KIND_LABEL } from '@/lib/annotations/model';
import type { AnnotationJson } from '@/components/annotator/types';
import type { ReviewQueueItem } from '@/lib/review/model';
import { RejectForm } from './RejectForm';
import { formatAttributes } from '@/lib/annotations/history-diff';
import { truncate } from '@/lib/text/truncate';
import { isTyping } from '@/components/ui/is-typing';

/** A queue item as the JSON API returns it: the server's ReviewQueueItem, its annotation's dates as strings. */
export type QueueItem = Omit<ReviewQueueItem, 'annotation'> & { annotation: AnnotationJson };

type Outcome = { state: 'approved' | 'rejected' | 'skipped' | 'conflict' | 'error'; message?: string };
interface DecisionAnswer {
  annotation: AnnotationJson;
  decision: { decision: 'approve' | 'reject'; comment: string | null; reviewer: { name: string } };
}

/**
 * The reviewer's queue: one item in focus at a time, decided from the keyboard (A approve,
 * R reject with a reason, S skip, J/K move) or with the buttons; selected items approve in bulk.
 */
export function ReviewQueue({
  initial,
  nextCursor,
  query,
  reasons,
}: {
  initial: QueueItem[];
  nextCursor: string | null;
  query: string;
  reasons: readonly string[];
}) {
  const [items, setItems] = useState(initial);
  const [cursor, setCursor] = useState(nextCursor);
  const [current, setCurrent] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const refs = useRef(new Map<string, HTMLElement>());

  const focusItem = useCallback(
    (index: number) => {
      setCurrent(index);
      const item = items[index];
      if (item) refs.current.get(item.annotation.id)?.focus();
    },
    [items],
  );

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    const result = await callApi<{ items: QueueItem[]; nextCursor: string | null }>(
      'GET',
      `/api/review/queue?${query}${query ? '&' : ''}cursor=${encodeURIComponent(cursor)}`,
    );
    if (!result.ok) {
      setAnnouncement(result.message);
      return;
    }
    setItems((list) => [...list, ...result.data.items.filter((i) => !list.some((l) => l.annotation.id === i.annotation.id))]);
    setCursor(result.data.nextCursor);
  }, [cursor, query]);

  /** The next undecided item after `index`, loading the next page when this one runs out. */
  const advance = useCallback(
    (index: number) => {
      const next = items.findIndex((item, i) => i > index && !outcomes[item.annotation.id]);
      if (next >= 0) focusItem(next);
      else if (cursor) void loadMore().then(() => setCurrent(index + 1));
      else setAnnouncement('That was the last item in the queue.');
    },
    [cursor, focusItem, items, loadMore, outcomes],
  );

  async function decide(index: number, decision: 'approve' | 'reject', comment?: string) {
    const item = items[index];
    if (!item || busy) return;
    setBusy(true);
    const result = await callApi<DecisionAnswer>('POST', `/api/annotations/${item.annotation.id}/review`, {
      decision,
      comment,
      version: item.annotation.version,
    });
    setBusy(false);
    const id = item.annotation.id;
    if (result.ok) {
      const state = decision === 'approve' ? 'approved' : 'rejected';
      setOutcomes((o) => ({ ...o, [id]: { state, message: comment } }));
      setAnnouncement(`${KIND_LABEL[item.annotation.kind]} ${state}.`);
      setRejecting(null);
      advance(index);
      return;
    }
    const current = result.current as { annotation?: AnnotationJson; decision?: DecisionAnswer['decision'] | null } | undefined;
    if (current?.annotation) setItems((list) => list.map((i) => (i.annotation.id === id ? { ...i, annotation: current.annotation! } : i)));
    setOutcomes((o) => ({
      ...o,
      [id]: { state: result.status === 409 ? 'conflict' : 'error', message: result.fieldErrors.comment?.join(' ') ?? result.message },
    }));
    setAnnouncement(result.message);
  }

  async function approveSelected() {
    const chosen = items.filter((i) => selected.has(i.annotation.id) && !outcomes[i.annotation.id]);
    if (chosen.length === 0 || busy) return;
    setBusy(true);
    const result = await callApi<{ results: ({ id: string; ok: true } | { id: string; ok: false; message: string; code: string })[] }>(
      'POST',
      '/api/review/bulk',
      {
        decision: 'approve',
        items: chosen.map((i) => ({ id: i.annotation.id, version: i.annotation.version })),
      },
    );
    setBusy(false);
    if (!result.ok) {
      setAnnouncement(result.message);
      return;
    }
    const next: Record<string, Outcome> = {};
    for (const r of result.data.results)
      next[r.id] = r.ok ? { state: 'approved' } : { state: r.code === 'conflict' ? 'conflict' : 'error', message: r.message };
    setOutcomes((o) => ({ ...o, ...next }));
    setSelected(new Set());
    const approved = result.data.results.filter((r) => r.ok).length;
    setAnnouncement(`${approved} of ${chosen.length} approved.`);
  }

  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => {});
  useEffect(() => {
    keyHandler.current = (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || rejecting) return;
      const key = event.key.toLowerCase();
      const item = items[current];
      if (key === 'j' || key === 'k') {
        event.preventDefault();
        focusItem(Math.max(0, Math.min(items.length - 1, current + (key === 'j' ? 1 : -1))));
      } else if (!item || outcomes[item.annotation.id]?.state === 'approved' || outcomes[item.annotation.id]?.state === 'rejected') {
        return;
      } else if (key === 'a') {
        event.preventDefault();
        void decide(current, 'approve');
      } else if (key === 'r') {
        event.preventDefault();
        setRejecting(item.annotation.id);
      } else if (key === 's') {
        event.preventDefault();
        setOutcomes((o) => ({ ...o, [item.annotation.id]: { state: 'skipped' } }));
        advance(current);
      } else if (key === 'x') {
        event.preventDefault();
        setSelected((s) => {
          const next = new Set(s);
          if (next.has(item.annotation.id)) next.delete(item.annotation.id);
          else next.add(item.annotation.id);
          return next;
        });
      }
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  if (items.length === 0)
    return (
      <p className="rounded-md border border-dashed border-stone-300 p-6 text-center text-stone-600">Nothing waits for review with these filters. Well done.</p>
    );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p className="text-stone-600">
          Keys: <kbd>A</kbd> approve · <kbd>R</kbd> reject · <kbd>S</kbd> skip · <kbd>J</kbd>/<kbd>K</kbd> next/previous · <kbd>X</kbd> select
        </p>
        <button
          type="button"
          disabled={selected.size === 0 || busy}
          onClick={() => void approveSelected()}
          className="ml-auto rounded bg-emerald-700 px-3 py-1 font-medium text-white hover:bg-emerald-800 disabled:opacity-50"
        >
          Approve selected ({selected.size})
        </button>
      </div>
      <ol className="space-y-3" aria-label="Review queue">
        {items.map((item, index) => {
          const a = item.annotation;
          const outcome = outcomes[a.id];
          const decided = outcome?.state === 'approved' || outcome?.state === 'rejected';
          return (
            <li
              key={a.id}
              ref={(el) => {
                if (el) refs.current.set(a.id, el);
                else refs.current.delete(a.id);
              }}
              tabIndex={-1}
              aria-current={index === current ? 'true' : undefined}
              aria-label={`${KIND_LABEL[a.kind]} by ${a.author.name}: ${truncate(a.exact, 80)}`}
              onFocus={() => setCurrent(index)}
              className={`rounded-md border bg-white p-3 text-sm outline-none ${index === current ? 'border-indigo-500 ring-2 ring-indigo-200' : 'border-stone-200'} ${decided ? 'opacity-60' : ''}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <input
                  type="checkbox"
                  aria-label="Select for bulk approval"
                  checked={selected.has(a.id)}
                  disabled={decided}
                  onChange={() => setSelected((s) => (s.has(a.id) ? new Set([...s].filter((x) => x !== a.id)) : new Set([...s, a.id])))}
                />
                <span className={`legend-swatch k-${a.kind} text-xs font-semibold`}>{KIND_LABEL[a.kind]}</span>
                <span className="text-stone-600">
                  by {a.author.name} · <time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleDateString('en', { dateStyle: 'medium' })}</time> · v
                  {a.version} ·{' '}
                  <Link href={`/articles/${item.article.id}#annotation-${a.id}`} className="text-indigo-800 underline underline-offset-2">
                    {item.article.title}
                  </Link>
                </span>
                {outcome ? (
                  <span
                    role="status"
                    className={`ml-auto rounded px-2 py-0.5 text-xs font-semibold ${outcome.state === 'approved' ? 'bg-emerald-100 text-emerald-900' : outcome.state === 'rejected' ? 'bg-red-100 text-red-900' : outcome.state === 'skipped' ? 'bg-stone-100 text-stone-700' : 'bg-amber-100 text-amber-900'}`}
                  >
                    {outcome.state === 'conflict' || outcome.state === 'error' ? outcome.message : outcome.state}
                  </span>
                ) : null}
              </div>
              <p className="mt-2 font-serif text-base leading-relaxed">
                {item.context.before}
                <mark className="rounded-sm bg-amber-200 px-0.5">{a.exact}</mark>
                {item.context.after}
              </p>
              {a.note ? <p className="mt-1 text-stone-700">Note: {a.note}</p> : null}
              {Object.keys(a.attributes).length ? <p className="mt-1 text-stone-700">{formatAttributes(a.attributes)}</p> : null}
              {item.relations.length ? (
                <ul className="mt-1 text-stone-700">
                  {item.relations.map((r) => (
                    <li key={r.id}>
                      {RELATION_LABEL[r.type][r.direction === 'outgoing' ? 'outgoing' : 'incoming']}:{' '}
                      {KIND_LABEL[r.other.kind as keyof typeof KIND_LABEL] ?? r.other.kind} “{r.other.exact}”
                    </li>
                  ))}
                </ul>
              ) : a.kind === 'claim' && a.unattributed ? (
                <p className="mt-1 text-stone-700">Marked unattributed on purpose.</p>
              ) : null}
              {!decided ? (
                <div className="mt-2 flex flex-wrap gap-2">
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void decide(index, 'approve')}
                    className="rounded bg-emerald-700 px-3 py-1 font-medium text-white hover:bg-emerald-800 disabled:opacity-50"
                  >
                    Approve (A)
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setRejecting(a.id)}
                    className="rounded border border-red-300 px-3 py-1 font-medium text-red-800 hover:bg-red-50"
                  >
                    Reject… (R)
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setOutcomes((o) => ({ ...o, [a.id]: { state: 'skipped' } }));
                      advance(index);
                    }}
                    className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-50"
                  >
                    Skip (S)
                  </button>
                </div>
              ) : null}
              {rejecting === a.id ? (
                <RejectForm
                  reasons={reasons}
                  busy={busy}
                  error={outcome?.state === 'error' ? outcome.message : undefined}
                  onCancel={() => {
                    setRejecting(null);
                    refs.current.get(a.id)?.focus();
                  }}
                  onReject={(reason) => void decide(index, 'reject', reason)}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
      {cursor ? (
        <button type="button" onClick={() => void loadMore()} className="rounded border border-stone-300 px-3 py-1 text-sm hover:bg-stone-50">
          Load more
        </button>
      ) : null}
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </div>
  );
}
