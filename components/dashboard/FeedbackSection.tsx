import Link from 'next/link';
import { truncate } from '@/lib/text/truncate';
import type { RejectedAnnotation } from '@/lib/review/model';
import { type AnnotationKindName, KIND_LABEL } from '@/lib/annotations/model';
import { countOf } from '@/components/ui/count';
import { MarkFeedbackSeen } from './MarkFeedbackSeen';

const KIND_STYLE: Record<string, string> = {
  claim: 'bg-amber-100 text-amber-900',
  event: 'bg-sky-100 text-sky-900',
  source: 'bg-emerald-100 text-emerald-900',
};
const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export interface FeedbackSectionProps {
  rejected: RejectedAnnotation[];
  /** Decisions on the user's annotations since `lastLooked` (since ever when null). */
  newDecisions: number;
  lastLooked: Date | null;
  /** When the server counted: what "seen" is recorded as. */
  countedAt: string;
}

function newDecisionsText(count: number, lastLooked: Date | null): string {
  const decisions = `${countOf(count, 'decision', 'decisions')} on your annotations`;
  if (!lastLooked) return count === 0 ? 'No decisions on your annotations yet.' : `${decisions} so far.`;
  return count === 0
    ? `No new decisions on your annotations since you last looked (${timeFormat.format(lastLooked)}).`
    : `${decisions} since you last looked (${timeFormat.format(lastLooked)}).`;
}

/** The author's side of review: what changed since the last look, and what was rejected, with the reasons. */
export function FeedbackSection({ rejected, newDecisions, lastLooked, countedAt }: FeedbackSectionProps) {
  return (
    <section aria-labelledby="feedback-heading" className="space-y-3">
      <h2 id="feedback-heading" className="text-lg font-medium">
        Feedback on my annotations
      </h2>
      <p className={`text-sm ${newDecisions > 0 ? 'font-medium text-indigo-900' : 'text-stone-600'}`}>{newDecisionsText(newDecisions, lastLooked)}</p>
      <MarkFeedbackSeen seenAt={countedAt} />
      <h3 id="rejected-heading" className="text-base font-medium">
        Rejected — needs your attention
      </h3>
      {rejected.length === 0 ? (
        <p className="text-sm text-stone-600">None of your annotations stands rejected.</p>
      ) : (
        <ul aria-labelledby="rejected-heading" className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {rejected.map(({ annotation, article, decision }) => (
            <li key={annotation.id} className="space-y-1 px-4 py-3 text-sm">
              <p className="flex flex-wrap items-baseline gap-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND_STYLE[annotation.kind] ?? 'bg-stone-100'}`}>
                  {KIND_LABEL[annotation.kind as AnnotationKindName] ?? annotation.kind}
                </span>
                <Link
                  href={`/articles/${article.id}#annotation-${annotation.id}`}
                  className="font-medium break-words text-indigo-800 underline underline-offset-2"
                >
                  “{truncate(annotation.exact, 120)}”
                </Link>
                <span className="text-stone-600">in {truncate(article.title, 80)}</span>
              </p>
              {decision ? (
                <p className="break-words text-stone-800">
                  Rejected by <span className="font-medium">{decision.reviewer.name}</span> (version {decision.annotationVersion},{' '}
                  <time dateTime={decision.createdAt.toISOString()}>{timeFormat.format(decision.createdAt)}</time>)
                  {decision.comment ? <>: “{truncate(decision.comment, 200)}”</> : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
