/**
 * Telling a running import job from one whose process died. The process importing into a job
 * refreshes the job's heartbeat every JOB_HEARTBEAT_MS and clears it when the request ends;
 * every app process sweeps, at start and every JOB_SWEEP_MS, the open jobs whose heartbeat is
 * older than JOB_DEAD_AFTER_SECONDS (their process died: a kill, a crash, a restart) or that
 * nobody fed for JOB_IDLE_AFTER_MINUTES (the uploader closed the tab between files), and marks
 * them INTERRUPTED. Times are the database's clock, so instances with skewed clocks agree, and a
 * live process's job is never marked by another: its heartbeat stays fresh.
 *
 * An interrupted job is not closed: feeding it again (the uploader came back, or a process that
 * was only stalled) reopens it as RUNNING.
 */
import { db } from '@/lib/db.ts';
import { shortReason } from '@/lib/http/outage-log.ts';

export const JOB_HEARTBEAT_MS = 10_000;
export const JOB_DEAD_AFTER_SECONDS = 45;
export const JOB_IDLE_AFTER_MINUTES = 10;
export const JOB_SWEEP_MS = 15_000;

/** Jobs this process is importing into, with the number of requests doing so. */
const working = new Map<string, number>();
let heartbeatTimer: NodeJS.Timeout | undefined;

const NOW = `(now() AT TIME ZONE 'UTC')`;

async function beat(jobIds: string[]): Promise<void> {
  await db().$executeRawUnsafe(
    `UPDATE "ImportJob" SET "heartbeatAt" = ${NOW}, "status" = 'RUNNING' WHERE "id" = ANY($1::text[]) AND "status" IN ('QUEUED', 'RUNNING', 'INTERRUPTED')`,
    jobIds,
  );
}

function startBeating(): void {
  if (heartbeatTimer) return;
  heartbeatTimer = setInterval(() => {
    // A missed beat (the database is down) is made up by the next one; 45 s leave room for three.
    beat([...working.keys()]).catch(() => {});
  }, JOB_HEARTBEAT_MS);
  heartbeatTimer.unref();
}

/** Runs `work` (an import into `jobId`) with the job's heartbeat kept fresh, and cleared after. */
export async function withJobHeartbeat<T>(jobId: string, work: () => Promise<T>): Promise<T> {
  working.set(jobId, (working.get(jobId) ?? 0) + 1);
  startBeating();
  try {
    await beat([jobId]);
    return await work();
  } finally {
    const left = (working.get(jobId) ?? 1) - 1;
    if (left > 0) working.set(jobId, left);
    else {
      working.delete(jobId);
      // Idle from here on: the job waits for the uploader's next file, under the idle rule.
      await db()
        .$executeRawUnsafe(`UPDATE "ImportJob" SET "heartbeatAt" = NULL, "updatedAt" = ${NOW} WHERE "id" = $1 AND "heartbeatAt" IS NOT NULL`, jobId)
        .catch(() => {});
    }
    if (working.size === 0 && heartbeatTimer) {
      clearInterval(heartbeatTimer);
      heartbeatTimer = undefined;
    }
  }
}

/** Marks the open jobs nobody is importing into as INTERRUPTED, in one statement; returns how many. */
export async function markInterruptedJobs(): Promise<number> {
  return db().$executeRawUnsafe(
    `UPDATE "ImportJob" SET "status" = 'INTERRUPTED', "heartbeatAt" = NULL
      WHERE "status" IN ('QUEUED', 'RUNNING')
        AND ("heartbeatAt" < ${NOW} - make_interval(secs => $1)
          OR ("heartbeatAt" IS NULL AND "updatedAt" < ${NOW} - make_interval(mins => $2)))`,
    JOB_DEAD_AFTER_SECONDS,
    JOB_IDLE_AFTER_MINUTES,
  );
}

/** Sweeps now and every JOB_SWEEP_MS for the life of the process (app start, see instrumentation.ts). */
export function startJobLivenessSweeper(log: (line: string) => void = (line) => console.warn(line)): () => void {
  let failing = false;
  const sweep = () =>
    markInterruptedJobs().then(
      (marked) => {
        failing = false;
        if (marked > 0) log(`[import] ${marked} import job(s) marked interrupted: their process stopped or their uploader left.`);
      },
      (error: unknown) => {
        // Once per run of failures: a database outage must not fill the log every 15 s.
        if (!failing) log(`[import] could not check for interrupted import jobs: ${shortReason(error)}`);
        failing = true;
      },
    );
  void sweep();
  const timer = setInterval(() => void sweep(), JOB_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
