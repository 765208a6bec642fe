import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewQueue, type QueueItem } from '@/components/review/ReviewQueue';
import { requirePagePermission } from '@/lib/auth/session';
import { REJECT_REASONS } from '@/lib/review/reasons';
import { reviewQueueQuerySchema } from '@/lib/review/schemas';
import { queueFilterOptions, listReviewQueue } from '@/lib/review/queries';
import { parseInput } from '@/lib/validation';
import { truncate } from '@/lib/text/truncate';

export const metadata: Metadata = { title: 'Review' };

const FILTER_KEYS = ['kind', 'articleId', 'authorId', 'from', 'to'] as const;

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('read:review-queue');
  const raw = await searchParams;
  const values: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    if (value) values[key] = value;
  }
  // A hand-edited URL with a bad value says so and lists without that filter.
  const parsed = parseInput(reviewQueueQuerySchema, values);
  const errors = parsed.ok ? {} : (parsed.error.fieldErrors ?? {});
  const usable = Object.fromEntries(Object.entries(values).filter(([key]) => !errors[key]));
  const retry = parsed.ok ? parsed : parseInput(reviewQueueQuerySchema, usable);
  const query = retry.ok ? retry.value : reviewQueueQuerySchema.parse({});
  const [page, options] = await Promise.all([listReviewQueue(user, query), queueFilterOptions(user, query.articleId)]);
  // The same JSON the API answers, so the client's "load more" pages look alike.
  const items = JSON.parse(JSON.stringify(page.items)) as QueueItem[];
  const queryString = new URLSearchParams(usable).toString();

  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">Review</h1>
      <p className="text-sm text-stone-600">Pending annotations by others, oldest first. Your own never appear here.</p>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-md border border-stone-200 bg-white p-3 text-sm" aria-label="Filter the queue">
        <label className="flex flex-col">
          <span className="text-xs font-medium text-stone-700">Kind</span>
          <select name="kind" defaultValue={usable.kind ?? ''} className="rounded border border-stone-300 px-2 py-1">
            <option value="">All kinds</option>
            <option value="claim">Claims</option>
            <option value="event">Events</option>
            <option value="source">Sources</option>
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-xs font-medium text-stone-700">Created from</span>
          <input type="date" name="from" defaultValue={usable.from ?? ''} className="rounded border border-stone-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          <span className="text-xs font-medium text-stone-700">to</span>
          <input type="date" name="to" defaultValue={usable.to ?? ''} className="rounded border border-stone-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          <span className="text-xs font-medium text-stone-700">Author</span>
          <select name="authorId" defaultValue={usable.authorId ?? ''} className="max-w-48 rounded border border-stone-300 px-2 py-1">
            <option value="">Everyone</option>
            {options.authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-xs font-medium text-stone-700">Article</span>
          <select name="articleId" defaultValue={usable.articleId ?? ''} className="max-w-64 rounded border border-stone-300 px-2 py-1">
            <option value="">All articles</option>
            {options.articles.map((a) => (
              <option key={a.id} value={a.id}>
                {truncate(a.title, 71)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-stone-900 px-3 py-1 font-medium text-white">
          Filter
        </button>
        {Object.keys(usable).length ? (
          <Link href="/review" className="text-indigo-800 underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      {Object.keys(errors).length ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          Ignored: {Object.values(errors).flat().join(' ')}
        </p>
      ) : null}
      <ReviewQueue key={queryString} initial={items} nextCursor={page.nextCursor} query={queryString} reasons={REJECT_REASONS} />
    </div>
  );
}
