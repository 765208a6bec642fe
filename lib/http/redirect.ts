/** Request header carrying the path being requested, set by proxy.ts for every request. */
export const REQUEST_PATH_HEADER = 'x-newsmark-path';

/** The login page, asked to come back to `path` afterwards (the root needs no asking). */
export function loginUrlFor(path: string | null): string {
  return path && path !== '/' && path.startsWith('/') ? `/login?callbackUrl=${encodeURIComponent(path)}` : '/login';
}

/**
 * Where to go after signing in: a path on this site, or '/'. Resolving through URL catches what
 * prefix checks miss (`/\evil.example`, `/\t/evil.example`, `//evil.example` all leave the site) and
 * normalises the path: dot segments (also as `%2e`) are resolved and backslashes become slashes.
 * What is left must not start with `//`, which a browser reads as another host
 * (`/.//evil.example` normalises to `//evil.example`).
 */
export function sameOriginPath(target: string | null | undefined, origin: string): string {
  if (!target) return '/';
  try {
    const url = new URL(target, origin);
    if (url.origin !== origin) return '/';
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith('/') && !path.startsWith('//') && new URL(path, origin).origin === origin ? path : '/';
  } catch {
    return '/';
  }
}

/**
 * Whether next-auth can read `value` as a callback URL at all: a path, or an absolute http(s)
 * URL (a foreign one is then sent home by the redirect callback). Anything else (`foo bar`, `:`,
 * `%2F%2Fevil.example`) made next-auth's own check throw.
 */
export function isWellFormedCallbackUrl(value: string): boolean {
  if (value.startsWith('/')) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}
