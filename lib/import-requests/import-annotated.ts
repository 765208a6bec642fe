import { withJobHeartbeat } from '@/lib/import-jobs/job-liveness.ts';
import { createImportJob, finishImportJob } from '@/lib/import-jobs/mutations.ts';
import type { ImportOutcome } from '@/lib/import-jobs/results.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import type { ThrottledResult } from '@/lib/result.ts';
import { readAnnotatedRequest, type AnnotatedImportQuery } from './read-annotated.ts';
import { importDocuments } from '@/lib/annotation-import/mutations.ts';

/**
 * One annotated import request, as POST /api/import/annotations receives it. A file that is not
 * what it claims is refused before anything is written. With `jobId` it adds to a job the
 * /import page opened (one request per file); without, the request is a job of its own.
 */
export async function importAnnotatedRequest(actor: Actor, request: Request, query: AnnotatedImportQuery): Promise<ThrottledResult<ImportOutcome>> {
  const documents = await readAnnotatedRequest(request, query);
  if (!documents.ok) {
    // An upload that could not be read still gets its line in the report of the job it was for;
    // one refused while the parsers are busy was not read at all, and is to be sent again.
    if (query.jobId && documents.error.code !== 'rate_limited')
      await importDocuments(actor, query.jobId, [{ ok: false, name: query.name ?? 'Upload', error: documents.error.message }]);
    return documents;
  }
  const id = query.jobId ?? (await createImportJob(actor));
  const outcome = await withJobHeartbeat(id, () => importDocuments(actor, id, documents.value));
  if (!query.jobId) await finishImportJob(id);
  return outcome;
}
