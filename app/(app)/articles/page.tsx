import type { Metadata } from 'next';
import Link from 'next/link';
import { ArticleFilters, type FilterValues } from '@/components/articles/ArticleFilters';
import { ArticleList } from '@/components/articles/ArticleList';
import { ExportMenu } from '@/components/export/ExportMenu';
import { articleListQuerySchema, listArticles, listSources } from '@/lib/articles/queries';
import { can } from '@/lib/auth/policy';
import { requirePagePermission } from '@/lib/auth/session';
import type { FieldErrors } from '@/lib/result';
import { parseInput } from '@/lib/validation';

export const metadata: Metadata = { title: 'Articles' };

const FILTER_KEYS = ['q', 'source', 'from', 'to', 'annotated', 'review', 'sort', 'archived'] as const;
const PAGE_SIZE = 25;

function emptyMessage(values: FilterValues): string {
  const filters = Object.keys(values).some((k) => k !== 'q' && k !== 'sort');
  if (values.q) return filters ? `No articles match “${values.q}” with these filters.` : `No articles match “${values.q}”.`;
  return filters ? 'No articles match these filters.' : 'No articles on this page.';
}

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('read:corpus');
  const canSeeArchived = can(user, 'manage:articles');
  const raw = await searchParams;
  const first = (key: string) => (Array.isArray(raw[key]) ? raw[key][0] : raw[key]);
  const values: FilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = first(key);
    if (value !== undefined && value !== '') values[key] = value;
  }
  if (!canSeeArchived) delete values.archived;

  // A hand-edited URL with a bad value shows what is wrong and lists without that value.
  let input: Record<string, string | undefined> = { ...values, cursor: first('cursor') || undefined, limit: String(PAGE_SIZE) };
  let parsed = parseInput(articleListQuerySchema, input);
  let errors: FieldErrors = {};
  if (!parsed.ok) {
    errors = parsed.error.fieldErrors ?? {};
    input = Object.fromEntries(Object.entries(input).filter(([key]) => !errors[key]));
    parsed = parseInput(articleListQuerySchema, input);
  }
  const query = parsed.ok ? parsed.value : articleListQuerySchema.parse({ limit: PAGE_SIZE });
  const [{ items, nextCursor }, sources] = await Promise.all([listArticles(query), listSources(canSeeArchived && query.archived !== 'hide')]);

  const filtered = Object.keys(values).some((k) => k !== 'sort');
  const hrefWith = (cursor: string | null) => {
    const params = new URLSearchParams(Object.entries(values).filter(([key]) => !errors[key]) as [string, string][]);
    if (cursor) params.set('cursor', cursor);
    const qs = params.toString();
    return qs ? `/articles?${qs}` : '/articles';
  };
  const errorList = Object.entries(errors).filter(([key]) => key === 'cursor' || key === '_form');

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Articles</h1>
      <ArticleFilters values={values} sources={sources} canSeeArchived={canSeeArchived} errors={errors} />
      <ExportMenu filters={Object.fromEntries(Object.entries(values).filter(([key]) => !errors[key]))} />
      {errorList.length ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {errorList.flatMap(([, messages]) => messages).join(' ')}
        </p>
      ) : null}
      {items.length === 0 ? (
        filtered || query.cursor ? (
          <div className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center">
            <p className="text-stone-700">{emptyMessage(values)}</p>
            <Link href="/articles" className="mt-2 inline-block text-sm font-medium text-indigo-800 hover:underline">
              Clear filters
            </Link>
          </div>
        ) : (
          <p className="text-stone-600">No articles yet.</p>
        )
      ) : (
        <ArticleList items={items} />
      )}
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {query.cursor ? (
          <Link href={hrefWith(null)} className="font-medium text-indigo-800 hover:underline">
            ← First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={hrefWith(nextCursor)} className="font-medium text-indigo-800 hover:underline">
            Next page →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
