/**
 * The client's address, for per-IP login limits. Our server (scripts/serve.ts) stamps
 * `x-newsmark-client-ip` from the socket and drops any copy the client sent, so it cannot be
 * spoofed. Behind a reverse proxy (TRUST_PROXY=1) it carries the proxy's X-Forwarded-For instead.
 */
export const CLIENT_IP_HEADER = 'x-newsmark-client-ip';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function clientIp(headers: HeaderSource): string {
  const ip = read(headers, CLIENT_IP_HEADER) ?? read(headers, 'x-forwarded-for')?.split(',').at(-1);
  return (ip ?? 'unknown').trim().slice(0, 64) || 'unknown';
}
