/** Request header carrying the path being requested, set by proxy.ts for every request. */
export const REQUEST_PATH_HEADER = 'x-newsmark-path';

/** The login page, asked to come back to `path` afterwards (the root needs no asking). */
export function loginUrlFor(path: string | null): string {
  return path && path !== '/' && path.startsWith('/') ? `/login?callbackUrl=${encodeURIComponent(path)}` : '/login';
}

/**
 * Where to go after signing in: a path on this site, or '/'. Resolving through URL catches what
 * prefix checks miss (`/\evil.example`, `/\t/evil.example`, `//evil.example` all leave the site).
 */
export function sameOriginPath(target: string | null | undefined, origin: string): string {
  if (!target) return '/';
  try {
    const url = new URL(target, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
