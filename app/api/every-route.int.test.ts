import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import { ROUTE_METHODS } from '@/lib/http/methods';
import { openApiDocument } from '@/lib/openapi/document';
import type { PathItem } from '@/lib/openapi/model';

vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

/**
 * Every route module under app/api, walked from the files themselves, so a route added later is
 * held to the same rules: methods it does not serve answer 405 in the JSON error shape, and a NUL
 * in any query parameter it reads is a 400 (PostgreSQL text cannot hold one: it was a 500).
 */
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Partial<Record<(typeof ROUTE_METHODS)[number] | 'OPTIONS', Handler>>;

const modules = import.meta.glob<RouteModule>('./**/route.ts');
const routes = Object.entries(modules).map(([file, load]) => ({
  file,
  load,
  // ./articles/[id]/annotations/route.ts -> /api/articles/{id}/annotations, as the OpenAPI document spells it
  path: `/api/${file.slice(2, -'/route.ts'.length).replace(/\[(\w+)\]/g, '{$1}')}`,
}));
const document = openApiDocument();
const CATCH_ALL = './[[...path]]/route.ts';
const NEXT_AUTH = './auth/[...nextauth]/route.ts';

/** What each path segment is filled with: an id that exists nowhere, a real progress table. */
function concrete(path: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const url = path
    .replace('[[...path]]', () => ((params.path = ['no', 'such']), 'no/such'))
    .replace('[...nextauth]', () => ((params.nextauth = ['session']), 'session'))
    .replace(/\{(\w+)\}/g, (_, name: string) => (params[name] = name === 'table' ? 'articles' : 'nosuch1'));
  return { url: `http://app.example${url}`, params };
}

const call = (handler: Handler, method: string, path: string, query = '') => {
  const { url, params } = concrete(path);
  return handler(new NextRequest(`${url}${query}`, { method, headers: { host: 'app.example' } }), { params: Promise.resolve(params) });
};

describe('every route under app/api', () => {
  it('is found on disk', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => r.file)).toContain(CATCH_ALL);
  });

  it('answers a method it does not serve with 405, the JSON error shape and Allow', async () => {
    session.user = { id: 'nobody', role: 'ADMIN', disabled: false };
    for (const route of routes.filter((r) => r.file !== CATCH_ALL)) {
      const routeModule = await route.load();
      const served = route.file === NEXT_AUTH ? ['get', 'post'] : Object.keys((document.paths[route.path] ?? {}) as PathItem);
      expect(served.length, route.file).toBeGreaterThan(0);
      for (const method of ROUTE_METHODS) {
        const handler = routeModule[method];
        expect(typeof handler, `${method} ${route.file}`).toBe('function');
        if (served.includes(method.toLowerCase())) continue;
        const response = await call(handler!, method, route.path);
        expect(response.status, `${method} ${route.path}`).toBe(405);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
        const allow = response.headers.get('allow')?.split(', ') ?? [];
        expect(allow).toEqual(expect.arrayContaining([...served.map((m) => m.toUpperCase()), 'OPTIONS']));
        expect(allow).not.toContain(method);
      }
      // Next.js would list every exported method for OPTIONS, the refusals too.
      const options = await call(routeModule.OPTIONS!, 'OPTIONS', route.path);
      expect(options.status).toBe(204);
      expect(options.headers.get('allow')?.split(', ').sort(), `OPTIONS ${route.path}`).toEqual(
        [...served.map((m) => m.toUpperCase()), ...(served.includes('get') ? ['HEAD'] : []), 'OPTIONS'].sort(),
      );
    }
  });

  it('answers an unknown /api path with a JSON 404, whatever the method', async () => {
    const routeModule = await modules[CATCH_ALL]!();
    for (const method of [...ROUTE_METHODS, 'HEAD', 'OPTIONS'] as const) {
      const handler = (routeModule as Record<string, Handler | undefined>)[method];
      expect(typeof handler, method).toBe('function');
      const response = await call(handler!, method, '/api/[[...path]]');
      expect(response.status, method).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('refuses a NUL in any query parameter it reads with 400', async () => {
    session.user = { id: 'nobody', role: 'ADMIN', disabled: false };
    let checked = 0;
    for (const route of routes) {
      const routeModule = await route.load();
      for (const [method, operation] of Object.entries((document.paths[route.path] ?? {}) as PathItem)) {
        for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
          for (const value of ['%00', 'a%00b']) {
            const response = await call(
              routeModule[method.toUpperCase() as (typeof ROUTE_METHODS)[number]]!,
              method.toUpperCase(),
              route.path,
              `?${parameter.name}=${value}`,
            );
            expect(response.status, `${method} ${route.path}?${parameter.name}=${value}`).toBe(400);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
