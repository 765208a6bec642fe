import type { Actor } from '@/lib/auth/policy.ts';
import type { ThrottledResult } from '@/lib/result.ts';
import { readImportRequest } from './read-articles.ts';
import type { ImportOutcome } from '@/lib/import-jobs/results.ts';
import { withJobHeartbeat } from '@/lib/import-jobs/job-liveness.ts';
import { createImportJob, finishImportJob, importParsedItems } from '@/lib/import-jobs/mutations.ts';

/**
 * One import request, as POST /api/articles receives it. Everything is parsed and checked against
 * the limits before anything is written. With `jobId` it adds to a job that the /import page
 * opened (one request per file); without, the request is a job of its own, finished at once.
 */
export async function importRequest(actor: Actor, request: Request, jobId?: string): Promise<ThrottledResult<ImportOutcome>> {
  const items = await readImportRequest(request);
  if (!items.ok) {
    // An upload that could not be read still gets its line in the report of the job it was for;
    // one refused while the parsers are busy was not read at all, and is to be sent again.
    if (jobId && items.error.code !== 'rate_limited') await importParsedItems(actor, jobId, [{ ok: false, name: 'Upload', error: items.error.message }]);
    return items;
  }
  const id = jobId ?? (await createImportJob(actor));
  const outcome = await withJobHeartbeat(id, () => importParsedItems(actor, id, items.value));
  if (!jobId) await finishImportJob(id);
  return outcome;
}
