import Link from 'next/link';
import type { ImportJobView } from '@/lib/import-jobs/queries';

const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function RecentJobs({ jobs }: { jobs: ImportJobView[] }) {
  if (jobs.length === 0) return <p className="text-sm text-stone-600">No imports yet.</p>;
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm" aria-label="Recent imports">
      {jobs.map((job) => (
        <li key={job.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
          <Link href={`/import?job=${job.id}`} className="font-medium text-indigo-800 hover:underline">
            {when.format(job.createdAt)} UTC · {job.createdBy}
          </Link>
          <span className="text-stone-600">
            {job.state} · {job.created} created, {job.duplicates} duplicate, {job.failed} failed
          </span>
        </li>
      ))}
    </ul>
  );
}
