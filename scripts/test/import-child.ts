/**
 * For lib/articles/import/kill.int.test.ts: imports `count` generated articles into job `jobId`
 * as admin `actorId`, slowly enough to be killed between batches. DATABASE_URL comes from the parent.
 */
import { importParsedItems } from '../../lib/articles/import/service.ts';
import { generatedItems } from './generated-items.ts';

const [jobId, actorId, count, prefix] = process.argv.slice(2);
await importParsedItems({ id: actorId!, role: 'ADMIN', disabled: false }, jobId!, generatedItems(Number(count), prefix!));
console.log('finished without being killed');
