import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './lib/http/csp.ts';
import { REQUEST_PATH_HEADER } from './lib/http/redirect.ts';

/**
 * Runs before every page, only to set a fresh CSP nonce: Next.js reads it from the request's
 * Content-Security-Policy header and stamps it on its own scripts. Not a security boundary for
 * authorization: each page and route handler checks the policy itself.
 *
 * /api is left out: JSON needs no nonce, and a request the proxy sees has its body buffered and
 * cut at `proxyClientMaxBodySize` (10 MB) before the route runs, which would truncate imports
 * silently and stop them from streaming.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  // Lets a page that sends a stranger to /login say where to come back to (set here, never trusted from the client).
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }],
};
