/**
 * Next.js calls register() once when a server process starts (each process of a cluster too).
 * Each process sweeps import jobs whose process died (lib/import-jobs/job-liveness.ts), so
 * such a job shows as interrupted as soon as any instance is up, whichever process it was.
 */
export async function register() {
  // Node only (not the edge runtime), and not while `next build` prerenders pages.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build' || !process.env.DATABASE_URL) return;
  const { startJobLivenessSweeper } = await import('./lib/import-jobs/job-liveness.ts');
  startJobLivenessSweeper();
}
