import { fail, type DomainError } from '@/lib/result.ts';

/**
 * The methods Next.js routes. Anything else (TRACE, PROPFIND, …) is refused by the server in
 * front of it (scripts/serve.ts): Node's fetch cannot even build a Request for TRACE, so Next.js
 * answered one with a 500. Pure, for that server too.
 */
export const SERVED_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods a route module answers itself; Next.js derives HEAD from GET, and OPTIONS. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export const isServedMethod = (method: string | undefined): boolean => (SERVED_METHODS as readonly string[]).includes(method ?? '');

/** The 405; `allow` lists what the target serves, when it is known. */
export function methodNotAllowed(method: string, allow?: readonly string[]): DomainError {
  return fail('method_not_allowed', allow ? `${method} is not served here; use ${allow.join(', ')}.` : `The ${method} method is not served.`).error;
}
