import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/db.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { JOB_DEAD_AFTER_SECONDS, JOB_IDLE_AFTER_MINUTES, markInterruptedJobs, withJobHeartbeat } from './job-liveness.ts';
import { createImportJob, importParsedItems } from './mutations.ts';
import { getImportJobSummary } from './queries.ts';
import { generatedItems } from '@/scripts/test/generated-items.ts';

let admin: { id: string; role: 'ADMIN'; disabled: false };
beforeAll(async () => {
  const user = await db().user.create({ data: { email: 'liveness@int.example', name: 'Liveness', role: 'ADMIN', passwordHash: 'x' } });
  admin = { id: user.id, role: 'ADMIN', disabled: false };
});

/** Moves a job's heartbeat and last change into the past, as if that much time had gone by. */
async function age(jobId: string, { heartbeatSeconds, updatedMinutes }: { heartbeatSeconds?: number | null; updatedMinutes?: number }) {
  if (heartbeatSeconds !== undefined) {
    await db()
      .$executeRaw`UPDATE "ImportJob" SET "heartbeatAt" = CASE WHEN ${heartbeatSeconds}::int IS NULL THEN NULL ELSE (now() AT TIME ZONE 'UTC') - make_interval(secs => ${heartbeatSeconds}::int) END WHERE "id" = ${jobId}`;
  }
  if (updatedMinutes !== undefined)
    await db()
      .$executeRaw`UPDATE "ImportJob" SET "updatedAt" = (now() AT TIME ZONE 'UTC') - make_interval(mins => ${updatedMinutes}::int) WHERE "id" = ${jobId}`;
}
const stateOf = async (jobId: string) => (await getImportJobSummary(jobId))!.state;

it('marks, in one statement, the open jobs whose process stopped beating or whose uploader left, and no other', async () => {
  const dead = await createImportJob(admin);
  const beating = await createImportJob(admin);
  const idle = await createImportJob(admin);
  const paused = await createImportJob(admin);
  const done = await createImportJob(admin);
  await db().importJob.updateMany({ where: { id: { in: [dead, beating] } }, data: { status: 'running' } });
  await age(dead, { heartbeatSeconds: JOB_DEAD_AFTER_SECONDS + 1 });
  await age(beating, { heartbeatSeconds: JOB_DEAD_AFTER_SECONDS - 15, updatedMinutes: JOB_IDLE_AFTER_MINUTES + 5 }); // a long request, still beating
  await age(idle, { heartbeatSeconds: null, updatedMinutes: JOB_IDLE_AFTER_MINUTES + 1 });
  await age(paused, { heartbeatSeconds: null, updatedMinutes: JOB_IDLE_AFTER_MINUTES - 1 }); // between two files
  await db().importJob.update({ where: { id: done }, data: { status: 'done', finishedAt: new Date() } });
  await age(done, { heartbeatSeconds: 600, updatedMinutes: 600 });

  const marked = await markInterruptedJobs();
  expect(marked).toBeGreaterThanOrEqual(2); // other tests' jobs of this database may be swept too
  expect(await stateOf(dead)).toBe('interrupted');
  expect(await stateOf(idle)).toBe('interrupted');
  expect(await stateOf(beating)).toBe('running');
  expect(await stateOf(paused)).toBe('queued');
  expect(await stateOf(done)).toBe('done');
  expect(await markInterruptedJobs()).toBe(0);
});

it('keeps a job fresh while this process imports into it, clears the heartbeat after, and reopens an interrupted job fed again', async () => {
  const jobId = await createImportJob(admin);
  let release!: () => void;
  const importing = withJobHeartbeat(jobId, () => new Promise<void>((resolve) => (release = resolve)));
  await expect.poll(async () => (await db().importJob.findUniqueOrThrow({ where: { id: jobId } })).heartbeatAt).not.toBeNull();
  expect(await stateOf(jobId)).toBe('running');
  await markInterruptedJobs();
  expect(await stateOf(jobId)).toBe('running');
  release();
  await importing;
  expect((await db().importJob.findUniqueOrThrow({ where: { id: jobId } })).heartbeatAt).toBeNull();

  // Left alone past the idle limit, it is interrupted; the uploader's next file reopens it.
  await age(jobId, { updatedMinutes: JOB_IDLE_AFTER_MINUTES + 1 });
  await markInterruptedJobs();
  expect(await stateOf(jobId)).toBe('interrupted');
  const fed = await withJobHeartbeat(jobId, () => importParsedItems(admin, jobId, generatedItems(3, 'reopened')));
  expect(fed.ok && fed.value.created).toBe(3);
  expect(await stateOf(jobId)).toBe('running');
});

it('a job whose importing process was killed shows as interrupted once its heartbeat is stale, not for ten minutes', async () => {
  const user = await db().user.findFirstOrThrow({ where: { id: admin.id } });
  const jobId = await createImportJob(admin);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('scripts/test/import-child.ts'), jobId, user.id, String(IMPORT_LIMITS.batchSize * 25), 'heartbeat'],
    { env: process.env, stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await expect
    .poll(async () => (await db().importJob.findUniqueOrThrow({ where: { id: jobId } })).totalItems, { timeout: 60_000, interval: 20 })
    .toBeGreaterThan(0);
  child.kill('SIGKILL');
  await exited;

  const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
  expect(job.status).toBe('running');
  expect(job.heartbeatAt).not.toBeNull(); // the dead process's last beat
  await markInterruptedJobs();
  expect(await stateOf(jobId)).toBe('running'); // too fresh to tell from a live one yet
  await age(jobId, { heartbeatSeconds: JOB_DEAD_AFTER_SECONDS + 1 });
  await markInterruptedJobs();
  expect(await stateOf(jobId)).toBe('interrupted');
}, 90_000);
