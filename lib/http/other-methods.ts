import { ROUTE_METHODS, methodNotAllowed, type RouteMethod } from './methods.ts';
import { errorResponse } from './responses.ts';

type Handler = (request: Request) => Promise<Response>;

/**
 * The handlers of the methods a route does not serve: 405 in the JSON error shape with `Allow`,
 * where Next.js would answer an empty 405. With every method exported, Next.js would list them
 * all for OPTIONS, so OPTIONS is answered here too, with the methods the route serves. Every
 * route module exports them beside its own (app/api/every-route.int.test.ts checks each one):
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
 */
export function otherMethods<Served extends Partial<Record<RouteMethod, unknown>>>(
  served: Served,
): Record<Exclude<RouteMethod, keyof Served> | 'OPTIONS', Handler> {
  const own = ROUTE_METHODS.filter((method) => method in served);
  // As Next.js lists them: HEAD along with GET, OPTIONS always.
  const allow = [...own, ...(own.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort();
  const headers = { allow: allow.join(', ') };
  const refuse: Handler = async (request) => errorResponse(methodNotAllowed(request.method, allow), { headers });
  const options: Handler = async () => new Response(null, { status: 204, headers });
  const refusals = ROUTE_METHODS.filter((method) => !own.includes(method)).map((method) => [method, refuse]);
  return Object.fromEntries([...refusals, ['OPTIONS', options]]) as Record<Exclude<RouteMethod, keyof Served> | 'OPTIONS', Handler>;
}
