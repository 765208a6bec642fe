import Link from 'next/link';
import { ArticleMeta } from '@/components/articles/ArticleMeta';
import { FeedbackSection } from '@/components/dashboard/FeedbackSection';
import { StatCard } from '@/components/dashboard/StatCard';
import { requirePagePermission } from '@/lib/auth/session';
import { getDashboardCounts, recentArticles, REVIEW_QUEUE_COUNT_CAP } from '@/lib/dashboard/queries';
import { feedbackSinceLastLook } from '@/lib/review/feedback-count';
import { rejectedForAuthor } from '@/lib/review/queries';

export default async function DashboardPage() {
  const user = await requirePagePermission('read:corpus');
  const [counts, recent, rejected, { lastLooked, countedAt, newDecisions }] = await Promise.all([
    getDashboardCounts(user),
    recentArticles(),
    rejectedForAuthor(user.id),
    feedbackSinceLastLook(user.id),
  ]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {user.name}</h1>
      <section aria-labelledby="corpus-heading">
        <h2 id="corpus-heading" className="mb-3 text-lg font-medium">
          Corpus and my work
        </h2>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <StatCard label="Articles" value={counts.articles} />
          <StatCard label="Annotations" value={counts.annotations} />
          <StatCard label="My pending annotations" value={counts.mine.pending} />
          <StatCard label="My rejected annotations" value={counts.mine.rejected} hint={`${counts.mine.approved} approved`} />
          {counts.reviewQueue !== null ? (
            <StatCard
              label="Awaiting review"
              value={Math.min(counts.reviewQueue, REVIEW_QUEUE_COUNT_CAP)}
              atLeast={counts.reviewQueue > REVIEW_QUEUE_COUNT_CAP}
              hint="Pending annotations by others"
            />
          ) : null}
          {counts.activeUsers !== null ? <StatCard label="Active users" value={counts.activeUsers} /> : null}
        </dl>
      </section>
      <FeedbackSection rejected={rejected} newDecisions={newDecisions} lastLooked={lastLooked} countedAt={countedAt} />
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-3 text-lg font-medium">
          Recent articles
        </h2>
        {recent.length === 0 ? (
          <p className="text-stone-600">No articles yet. An admin can import some.</p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {recent.map((a) => (
              <li key={a.id} className="px-4 py-3">
                <Link href={`/articles/${a.id}`} className="font-medium text-indigo-800 hover:underline">
                  {a.title}
                </Link>
                <ArticleMeta source={a.source} author={null} publishedAt={a.publishedAt} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
