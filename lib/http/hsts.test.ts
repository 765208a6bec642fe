import { describe, expect, it } from 'vitest';
import { strictTransportSecurity } from './hsts.ts';

describe('strictTransportSecurity', () => {
  it('asks browsers to keep to https for two years when the public URL is https', () => {
    expect(strictTransportSecurity('https://newsmark.example')).toBe('max-age=63072000; includeSubDomains');
    expect(strictTransportSecurity('HTTPS://newsmark.example:8443/base')).toBe('max-age=63072000; includeSubDomains');
  });

  it.each([undefined, '', 'http://127.0.0.1:3000', 'not a url'])('sends nothing for %j', (url) => {
    expect(strictTransportSecurity(url)).toBeNull();
  });
});
