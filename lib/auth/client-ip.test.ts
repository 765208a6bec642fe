import { describe, expect, it } from 'vitest';
import { clientIp, CLIENT_IP_HEADER, ipThrottleKey } from './client-ip.ts';

describe('clientIp', () => {
  it('prefers the address our server stamped, then the nearest X-Forwarded-For hop', () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: '198.51.100.7', 'x-forwarded-for': '1.1.1.1' }))).toBe('198.51.100.7');
    expect(clientIp({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9' })).toBe('203.0.113.9');
    expect(clientIp({})).toBe('unknown');
  });
});

describe('ipThrottleKey', () => {
  it('keeps IPv4 as it is and unwraps IPv4-mapped IPv6', () => {
    expect(ipThrottleKey('203.0.113.9')).toBe('203.0.113.9');
    expect(ipThrottleKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts a whole IPv6 /64 as one address, however it is written', () => {
    const key = '2001:db8:0:1::/64';
    expect(ipThrottleKey('2001:db8:0:1::1')).toBe(key);
    expect(ipThrottleKey('2001:0db8:0000:0001:ffff:1:2:3')).toBe(key);
    expect(ipThrottleKey('2001:DB8:0:1:a::b%eth0')).toBe(key);
    expect(ipThrottleKey('2001:db8:0:2::1')).not.toBe(key);
    expect(ipThrottleKey('::1')).toBe('0:0:0:0::/64');
  });
});
