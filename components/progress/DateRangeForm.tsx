import Link from 'next/link';

/** The progress page's date range: a plain GET form, so the range is in the URL and the CSV links. */
export function DateRangeForm({ from, to, ranged }: { from: string; to: string; ranged: boolean }) {
  return (
    <form method="get" aria-label="Date range" className="flex flex-wrap items-end gap-3 rounded-md border border-stone-200 bg-white p-3 text-sm">
      <label className="flex flex-col">
        <span className="text-xs font-medium text-stone-700">From</span>
        <input type="date" name="from" defaultValue={from} className="rounded border border-stone-300 px-2 py-1" />
      </label>
      <label className="flex flex-col">
        <span className="text-xs font-medium text-stone-700">to</span>
        <input type="date" name="to" defaultValue={to} className="rounded border border-stone-300 px-2 py-1" />
      </label>
      <button type="submit" className="rounded bg-stone-900 px-3 py-1 font-medium text-white">
        Apply
      </button>
      {ranged ? (
        <Link href="/progress" className="text-indigo-800 underline">
          All time
        </Link>
      ) : null}
      <span className="text-xs text-stone-600">Annotations by the day they were created, decisions by the day they were made (UTC).</span>
    </form>
  );
}
