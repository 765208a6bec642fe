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
