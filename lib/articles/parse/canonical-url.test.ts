import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, httpUrl } from './canonical-url.ts';

describe('canonicalizeUrl', () => {
  it.each([
    ['https://example.org/a?utm_source=x&id=1&utm_medium=y', 'https://example.org/a?id=1'],
    ['https://example.org/a?UTM_Campaign=Spring&Utm_Term=z', 'https://example.org/a'],
    ['https://example.org/a?utm%5Fsource=encoded&b=2', 'https://example.org/a?b=2'],
    ['https://example.org/a?b=2&a=1&c', 'https://example.org/a?b=2&a=1&c'],
    ['https://example.org/a?', 'https://example.org/a'],
    ['https://example.org/a?&&x=1&', 'https://example.org/a?x=1'],
    ['https://example.org/story#comments', 'https://example.org/story'],
    ['HTTPS://News.EXAMPLE.org/Path/Case', 'https://news.example.org/Path/Case'],
    ['http://example.org:80/a', 'http://example.org/a'],
    ['https://example.org:443/a', 'https://example.org/a'],
    ['https://example.org:8443/a', 'https://example.org:8443/a'],
    ['https://user:secret@example.org/a', 'https://example.org/a'],
    ['  https://example.org  ', 'https://example.org/'],
    ['https://bücher.example/straße', 'https://xn--bcher-kva.example/stra%C3%9Fe'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,hi',
    'ftp://example.org/file',
    // A plain list of inputs, like the other parsers' tests: alike in shape only.
    'mailto:a@example.org',
    '/relative/path',
    'example.org/no-scheme',
    '',
    'http://',
  ])('refuses %j', (input) => {
    expect(canonicalizeUrl(input)).toBeNull();
  });

  it('is idempotent', () => {
    const once = canonicalizeUrl('HTTP://Example.org:80/a b?utm_x=1&q=%7E#f')!;
    expect(canonicalizeUrl(once)).toBe(once);
  });
});

describe('httpUrl', () => {
  it('keeps absolute web addresses only', () => {
    expect(httpUrl('https://example.org/a?utm_source=x#f')).toBe('https://example.org/a?utm_source=x#f');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('/a')).toBeNull();
  });
});
