import { describe, expect, it } from 'vitest';
import { loginUrlFor, sameOriginPath } from './redirect.ts';

const origin = 'https://newsmark.example';

describe('sameOriginPath', () => {
  it('keeps paths on this site, with query and fragment', () => {
    expect(sameOriginPath('/articles?q=flood#top', origin)).toBe('/articles?q=flood#top');
    expect(sameOriginPath(`${origin}/account`, origin)).toBe('/account');
  });

  it.each(['//evil.example/x', '/\\evil.example', '/\t/evil.example', 'https://evil.example/', 'javascript:alert(1)', '\\\\evil.example'])('sends %j home', (target) => {
    expect(sameOriginPath(target, origin)).toBe('/');
  });

  it('sends nothing home', () => {
    expect(sameOriginPath(null, origin)).toBe('/');
    expect(sameOriginPath('', origin)).toBe('/');
  });
});

describe('loginUrlFor', () => {
  it('asks the login page to come back to the path asked for', () => {
    expect(loginUrlFor('/articles/abc?x=1')).toBe('/login?callbackUrl=%2Farticles%2Fabc%3Fx%3D1');
    expect(loginUrlFor('/')).toBe('/login');
    expect(loginUrlFor(null)).toBe('/login');
  });
});
