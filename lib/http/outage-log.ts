import { truncate } from '@/lib/text/truncate.ts';

/**
 * The server log during a database outage: the first failed request of an outage logs the
 * driver's error with its stack, each further one a single line, until a request gets through
 * again. A restart under load otherwise wrote a full stack per request (760 KB in seconds),
 * burying the one line that said what happened.
 */
export interface OutageLog {
  /** A request failed because the database is unavailable. */
  failed(error: unknown, request: Request | undefined): void;
  /** A request completed without meeting an outage. */
  succeeded(): void;
}

/** The last line of an error's message: Prisma puts the driver's reason after a call-site preamble. */
export function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return truncate(lines.at(-1) ?? 'unknown error', 300);
}

function describe(request: Request | undefined): string {
  if (!request) return 'a request';
  let path = request.url;
  try {
    path = new URL(request.url).pathname;
  } catch {
    // Keep the raw URL.
  }
  return `${request.method} ${path}`;
}

export function createOutageLog(write: (...parts: unknown[]) => void = (...parts) => console.error(...parts)): OutageLog {
  let failures = 0;
  return {
    failed(error, request) {
      failures++;
      if (failures === 1) write(`[api] database unavailable (503 until it answers again): ${describe(request)}`, error);
      else write(`[api] database unavailable: ${describe(request)} (${shortReason(error)})`);
    },
    succeeded() {
      if (failures === 0) return;
      write(`[api] database reachable again after ${failures} request(s) answered 503`);
      failures = 0;
    },
  };
}

/** The process's log (each app process has its own; each logs its own first stack). */
export const outageLog = createOutageLog();
