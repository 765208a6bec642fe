import type { Metadata } from 'next';
import { MAX_RESULT_ROWS } from '@/components/import/ImportResults';
import { ImportWorkbench } from '@/components/import/ImportWorkbench';
import { JobReport } from '@/components/import/JobReport';
import { RecentJobs } from '@/components/import/RecentJobs';
import { importJobIdSchema } from '@/lib/import-jobs/schemas';
import { getImportJob, listRecentImportJobs } from '@/lib/import-jobs/queries';
import { requirePagePermission } from '@/lib/auth/session';
import { parseInput } from '@/lib/validation';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('manage:articles');
  const jobId = parseInput(importJobIdSchema, (await searchParams).job);
  const [job, recent] = await Promise.all([
    jobId.ok ? getImportJob(jobId.value, { failuresFirst: true, limit: MAX_RESULT_ROWS }) : null,
    listRecentImportJobs(),
  ]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Import articles and annotations</h1>
      <ImportWorkbench />
      {job ? <JobReport job={job} /> : null}
      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-medium">
          Recent imports
        </h2>
        <RecentJobs jobs={recent} />
      </section>
    </div>
  );
}
