import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce in production, and forbids framing', () => {
    const csp = contentSecurityPolicy('abc123', false);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(scriptSrc).not.toContain('unsafe');
  });

  it('adds eval only for the development server', () => {
    expect(contentSecurityPolicy('n', true)).toContain("'unsafe-eval'");
  });
});
