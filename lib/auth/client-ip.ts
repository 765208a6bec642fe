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

/**
 * The key an address is throttled under. One IPv6 host usually owns a whole /64, so counting
 * single IPv6 addresses would let it rotate past the limit; IPv4-mapped IPv6 counts as IPv4.
 */
export function ipThrottleKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The key the request's client is throttled under. */
export const requestThrottleKey = (headers: HeaderSource): string => ipThrottleKey(clientIp(headers));
