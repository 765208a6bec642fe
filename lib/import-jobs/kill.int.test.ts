import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { generatedItems } from '@/scripts/test/generated-items.ts';
import { db } from '@/lib/db.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { createImportJob, importParsedItems } from './mutations.ts';
import { getImportJob } from './queries.ts';

it('a kill -9 in the middle of a job leaves whole batches, a job that says so, and a rerun that creates only what is missing', async () => {
  const user = await db().user.create({ data: { email: 'killed@int.example', name: 'Killed', role: 'ADMIN', passwordHash: 'x' } });
  const admin = { id: user.id, role: 'ADMIN' as const, disabled: false };
  const count = IMPORT_LIMITS.batchSize * 25;
  const jobId = await createImportJob(admin);

  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/test/import-child.ts'), jobId, user.id, String(count), 'killed'], {
    env: process.env,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Kill it once the first batches are in, while later ones are still being written.
  for (let waited = 0; ; waited += 10) {
    const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId }, select: { totalItems: true } });
    if (job.totalItems >= IMPORT_LIMITS.batchSize * 2) break;
    if (waited > 60_000) throw new Error('the child never got going');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  await exited;

  const job = (await getImportJob(jobId))!;
  const stored = await db().article.findMany({ where: { importJobId: jobId }, select: { text: true } });
  expect(job.totalItems).toBeLessThan(count);
  expect(job.totalItems % IMPORT_LIMITS.batchSize).toBe(0); // whole batches only
  expect(stored).toHaveLength(job.created);
  expect(job.results).toHaveLength(job.totalItems);
  expect(stored.every((a) => a.text.startsWith('killed article'))).toBe(true);

  const rerunJob = await createImportJob(admin);
  const rerun = await importParsedItems(admin, rerunJob, generatedItems(count, 'killed'));
  expect(rerun.ok && { created: rerun.value.created, duplicates: rerun.value.duplicates }).toEqual({ created: count - job.created, duplicates: job.created });
  expect(await db().article.count({ where: { text: { startsWith: 'killed article' } } })).toBe(count);
}, 120_000);
