import Link from 'next/link';
import type { ItemResult } from '@/lib/import-jobs/results';
import { countOf } from '@/components/ui/count';
import { TableHead } from '@/components/ui/TableHead';

const BADGE: Record<ItemResult['status'], string> = {
  created: 'bg-emerald-100 text-emerald-900',
  duplicate: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-900',
};

/** Long imports list failures first, then the rest up to a cap, so the page stays quick. */
export const MAX_RESULT_ROWS = 1_000;

/** `total` is the number of items when `results` holds only the first of them. */
export function ImportResults({ results, total = results.length }: { results: readonly ItemResult[]; total?: number }) {
  if (results.length === 0) return <p className="text-sm text-stone-600">No items yet.</p>;
  const ordered = [...results].sort((a, b) => Number(b.status === 'failed') - Number(a.status === 'failed') || a.index - b.index);
  const shown = ordered.slice(0, MAX_RESULT_ROWS);
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Import results</caption>
        <TableHead columns={['Item', 'Result', 'Details']} />
        <tbody className="divide-y divide-stone-200">
          {shown.map((r) => (
            <tr key={r.index}>
              <td className="px-3 py-2 break-all">{r.name ?? `#${r.index + 1}`}</td>
              <td className="px-3 py-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[r.status]}`}>{r.status}</span>
              </td>
              <td className="px-3 py-2">
                {r.status === 'failed' ? (
                  <span className="text-red-800">{r.error}</span>
                ) : r.articleId ? (
                  <>
                    <Link
                      href={`/articles/${r.articleId}`}
                      className="font-medium text-indigo-800 hover:underline"
                      aria-label={`${r.status === 'created' ? 'Open the new article' : 'Open the existing article'}${r.title ? `: ${r.title}` : ''}`}
                    >
                      {r.title ?? (r.status === 'created' ? 'Open the new article' : 'Open the existing article')}
                    </Link>
                    {r.status === 'duplicate' ? <span className="ml-2 text-xs text-stone-500">already in the corpus</span> : null}
                    {r.annotations !== undefined ? (
                      <span className="ml-2 text-xs text-stone-600">
                        {countOf(r.annotations, 'annotation', 'annotations')}, {countOf(r.relations ?? 0, 'relation', 'relations')} added
                      </span>
                    ) : null}
                    {r.warning ? <p className="mt-1 text-xs text-amber-900">{r.warning}</p> : null}
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > shown.length ? (
        <p className="px-3 py-2 text-xs text-stone-500">
          Showing {shown.length.toLocaleString('en')} of {total.toLocaleString('en')} items, failures first.
        </p>
      ) : null}
    </div>
  );
}
