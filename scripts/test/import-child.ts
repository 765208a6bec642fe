/**
 * For lib/import-jobs/kill.int.test.ts: imports `count` generated articles into job `jobId`
 * as admin `actorId`, slowly enough to be killed between batches, keeping the job's heartbeat as a
 * request does. DATABASE_URL comes from the parent.
 */
import { withJobHeartbeat } from '../../lib/import-jobs/job-liveness.ts';
import { importParsedItems } from '../../lib/import-jobs/mutations.ts';
import { generatedItems } from './generated-items.ts';

const [jobId, actorId, count, prefix] = process.argv.slice(2);
await withJobHeartbeat(jobId!, () => importParsedItems({ id: actorId!, role: 'ADMIN', disabled: false }, jobId!, generatedItems(Number(count), prefix!)));
console.log('finished without being killed');
