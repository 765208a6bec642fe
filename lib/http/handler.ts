import type { CreatedView } from '@/lib/idempotency/context.ts';
import { withIdempotencyKey } from './idempotency.ts';
import { isDatabaseUnavailable } from '@/lib/db-unavailable.ts';
import { fail } from '@/lib/result.ts';
import { outageLog } from './outage-log.ts';
import { errorResponse, throttledErrorResponse } from './responses.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request whose Origin is another site is refused. SameSite=Lax cookies
 * already keep the session out of cross-site POSTs; this also covers browsers that ignore it.
 */
function crossSite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== (request.headers.get('x-forwarded-host') ?? request.headers.get('host'));
  } catch {
    return true;
  }
}

const CROSS_SITE = fail('forbidden', 'Cross-site requests are refused.').error;
const UNAVAILABLE = fail('unavailable', 'The database cannot be reached just now. Try again in a few seconds.').error;
/** Seconds a client should wait before retrying during an outage: a restart takes a few. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Wraps a route handler so a bug answers the API's error shape with no stack trace (the details
 * go to the server log only), a database outage answers 503 with Retry-After (logged once per
 * outage, lib/http/outage-log.ts), cross-site writes are refused, and a write sent with an
 * Idempotency-Key is carried out once however often it is retried (./idempotency.ts). A create
 * route names `createdView`, its view of the row it made, so a retry whose stored answer was lost
 * is answered with the row as it is now; the route passes it rather than lib/http importing the
 * domains, which import lib/http's callers (a cycle).
 */
export function apiHandler<A extends [Request, ...unknown[]] | []>(handler: (...args: A) => Promise<Response>, options: { createdView?: CreatedView } = {}) {
  return async (...args: A): Promise<Response> => {
    const request = args[0];
    if (request && crossSite(request)) {
      return errorResponse(CROSS_SITE);
    }
    try {
      const response = await (request ? withIdempotencyKey(request, () => handler(...args), options.createdView) : handler(...args));
      outageLog.succeeded();
      return response;
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        outageLog.failed(error, request);
        return throttledErrorResponse(UNAVAILABLE, UNAVAILABLE_RETRY_AFTER_SECONDS);
      }
      const id = crypto.randomUUID();
      console.error(`[api] unexpected error ${id}`, error);
      return errorResponse(fail('internal', `Something went wrong on our side (reference ${id}).`).error);
    }
  };
}
