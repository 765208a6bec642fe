import { describe, expect, it } from 'vitest';
import { isWellFormedCallbackUrl, loginUrlFor, sameOriginPath } from './redirect.ts';

const origin = 'https://newsmark.example';

/** Where a browser on this site goes when told to navigate to `href`. */
const lands = (href: string) => new URL(href, `${origin}/login`).origin;

describe('sameOriginPath', () => {
  it('keeps paths on this site, with query and fragment', () => {
    expect(sameOriginPath('/articles?q=flood#top', origin)).toBe('/articles?q=flood#top');
    expect(sameOriginPath(`${origin}/account`, origin)).toBe('/account');
    expect(sameOriginPath('/a/../articles', origin)).toBe('/articles');
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    ' //evil.example/x',
    '\t//evil.example/x',
    'https://evil.example/',
    'javascript:alert(1)',
    '\\\\evil.example',
    // Dot segments, resolved by the URL parser, leave a path starting with `//`.
    '/.//evil.example/x',
    '/%2e//evil.example/x',
    '/%2E//evil.example/x',
    '/%2e%2e//evil.example/x',
    '/a/..//evil.example/x',
    '/a/b/../..//evil.example/x',
    '/..//evil.example/x',
    '/./\\evil.example/x',
    '/.\\/evil.example/x',
    '/\\/evil.example/x',
    '/.//\\evil.example/x',
    '/./\t/evil.example/x',
    `${origin}//evil.example/x`,
    `${origin}/.//evil.example/x`,
    `${origin}/a/..//evil.example/x`,
    `${origin}\\\\evil.example/x`,
  ])('sends %j home', (target) => {
    expect(sameOriginPath(target, origin)).toBe('/');
  });

  it.each(['/%5Cevil.example', '/%5C%5Cevil.example/x', '/%2f%2fevil.example/x', '/%2F/evil.example', '/.%2F/evil.example/x', '%2F%2Fevil.example', '/a//b'])(
    'keeps %j on this site, its encoded slashes and backslashes as they are',
    (target) => {
      const path = sameOriginPath(target, origin);
      expect(path.startsWith('/')).toBe(true);
      expect(path.startsWith('//')).toBe(false);
      expect(lands(path)).toBe(origin);
    },
  );

  it('sends nothing home', () => {
    expect(sameOriginPath(null, origin)).toBe('/');
    expect(sameOriginPath('', origin)).toBe('/');
  });
});

describe('isWellFormedCallbackUrl', () => {
  it.each(['/', '/articles?q=1', '//evil.example', 'https://evil.example/x', 'http://127.0.0.1:3000/account'])(
    'accepts %j (a path, or an absolute http(s) URL)',
    (value) => {
      expect(isWellFormedCallbackUrl(value)).toBe(true);
    },
  );

  it.each(['%2F%2Fevil.example', 'foo bar', ':', '', 'javascript:alert(1)', 'evil.example/x', 'https://'])('refuses %j', (value) => {
    expect(isWellFormedCallbackUrl(value)).toBe(false);
  });
});

describe('loginUrlFor', () => {
  it('asks the login page to come back to the path asked for', () => {
    expect(loginUrlFor('/articles/abc?x=1')).toBe('/login?callbackUrl=%2Farticles%2Fabc%3Fx%3D1');
    expect(loginUrlFor('/')).toBe('/login');
    expect(loginUrlFor(null)).toBe('/login');
  });
});
