import type { ImportJobView } from '@/lib/import-jobs/queries';
import type { ItemResult } from '@/lib/import-jobs/results';
import { countOf } from '@/components/ui/count';
import { ImportResults } from './ImportResults';
import { RefreshWhileRunning } from './RefreshWhileRunning';

export const JOB_STATE_TEXT: Record<ImportJobView['state'], string> = {
  queued: 'Starting',
  running: 'In progress',
  done: 'Finished',
  failed: 'Failed',
  interrupted: 'Interrupted (the upload stopped before it finished; rerun the same files to import what is missing)',
};

const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A stored import job as it is now: it survives reloads, and keeps refreshing while it runs. */
export function JobReport({ job }: { job: ImportJobView & { results: ItemResult[] } }) {
  const running = job.state === 'queued' || job.state === 'running';
  return (
    <section aria-labelledby="job-heading" className="space-y-3">
      <h2 id="job-heading" className="text-lg font-medium">
        Import of {when.format(job.createdAt)} UTC by {job.createdBy}
      </h2>
      <p role="status" className="text-sm text-stone-700">
        {JOB_STATE_TEXT[job.state]} · {job.totalItems.toLocaleString('en')} {job.totalItems === 1 ? 'item' : 'items'}: {job.created.toLocaleString('en')}{' '}
        created, {job.duplicates.toLocaleString('en')} duplicate, {job.failed.toLocaleString('en')} failed
        {job.annotations || job.relations
          ? ` · ${countOf(job.annotations, 'annotation', 'annotations')} and ${countOf(job.relations, 'relation', 'relations')} added`
          : ''}
      </p>
      {running ? <RefreshWhileRunning jobId={job.id} totalItems={job.totalItems} state={job.state} /> : null}
      <ImportResults results={job.results} total={job.totalItems} />
    </section>
  );
}
