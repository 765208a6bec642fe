import type { Metadata } from 'next';
import { AnnotatorProgressSection } from '@/components/progress/AnnotatorProgressSection';
import { ArticleProgressSection } from '@/components/progress/ArticleProgressSection';
import { DateRangeForm } from '@/components/progress/DateRangeForm';
import { ReviewerProgressSection } from '@/components/progress/ReviewerProgressSection';
import { requirePagePermission } from '@/lib/auth/session';
import { annotatorProgress, articleProgress, reviewerProgress } from '@/lib/progress/queries';
import { progressQuerySchema } from '@/lib/progress/schemas';
import { parseInput } from '@/lib/validation';

export const metadata: Metadata = { title: 'Progress' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function ProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Everyone who reads the corpus sees its progress: annotations, their authors and their
  // decisions are open to every role (docs/architecture.md "Roles and permissions"), so these figures reveal nothing more.
  await requirePagePermission('read:corpus');
  const raw = await searchParams;
  const values = { from: first(raw.from), to: first(raw.to) };
  const parsed = parseInput(progressQuerySchema, values);
  const query = parsed.ok ? parsed.value : progressQuerySchema.parse({});
  const usable = parsed.ok ? values : { from: '', to: '' };
  const [articles, annotators, reviewers] = await Promise.all([articleProgress(query), annotatorProgress(query), reviewerProgress(query)]);
  const qs = new URLSearchParams(Object.entries(usable).filter(([, v]) => v)).toString();
  const csv = (table: string) => `/api/progress/${table}.csv${qs ? `?${qs}` : ''}`;
  const rangeNote = usable.from || usable.to ? ` created ${usable.from ? `from ${usable.from}` : ''} ${usable.to ? `to ${usable.to}` : ''}`.trimEnd() : '';

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Progress</h1>
        <p className="text-sm text-stone-600">Annotation and review across the corpus (archived articles left out). Each table can be downloaded as CSV.</p>
        <DateRangeForm from={usable.from} to={usable.to} ranged={qs !== ''} />
        {parsed.ok ? null : (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            Ignored the date range:{' '}
            {Object.values(parsed.error.fieldErrors ?? {})
              .flat()
              .join(' ')}
          </p>
        )}
      </div>

      <ArticleProgressSection articles={articles} csvHref={csv('articles')} rangeNote={rangeNote} />

      <AnnotatorProgressSection annotators={annotators} csvHref={csv('annotators')} rangeNote={rangeNote} />

      <ReviewerProgressSection reviewers={reviewers} csvHref={csv('reviewers')} ranged={Boolean(usable.from || usable.to)} />
    </div>
  );
}
