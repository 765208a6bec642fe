'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * For a job that another tab is still feeding: watches its summary (no results) every two
 * seconds and re-renders the page, results and all, only when the job has moved on.
 */
export function RefreshWhileRunning({ jobId, totalItems, state }: { jobId: string; totalItems: number; state: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(async () => {
      const response = await fetch(`/api/import-jobs/${jobId}?results=false`).catch(() => null);
      const job = (await response?.json().catch(() => null)) as { totalItems?: number; state?: string } | null;
      if (job && (job.totalItems !== totalItems || job.state !== state)) router.refresh();
    }, 2_000);
    return () => clearInterval(timer);
  }, [router, jobId, totalItems, state]);
  return null;
}
