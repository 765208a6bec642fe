import { describe, expect, it } from 'vitest';
import { parsedArticle } from './article.test-support.ts';
import { parseImportItem } from './import-item.ts';

const error = (raw: unknown) => {
  const item = parseImportItem(raw, 'api #1');
  if (item.ok) throw new Error('expected a failed item');
  return item.error;
};

describe('parseImportItem', () => {
  it('trims and normalises every field', () => {
    expect(
      parseImportItem(
        {
          title: '  Ferry\ttimetable\nchanges ',
          text: '\ufeff  First ferry at 06:40.  \r\n\r\n\r\nLast at 23:10.\u000c Cafe\u0301 open.\u0007',
          url: ' https://Example.org/ferry?utm_source=x&day=mon#top ',
          source: ' Example   Courier ',
          author: '\u00a0Ada Quill ',
          publishedAt: ' 2024-06-03T08:00:00+01:00 ',
          language: ' EN-gb ',
          ignoredKey: { anything: true },
        },
        'api #1',
      ),
    ).toEqual({
      ok: true,
      name: 'api #1',
      article: {
        title: 'Ferry timetable changes',
        text: 'First ferry at 06:40.\n\nLast at 23:10.\n\nCafé open.',
        url: 'https://example.org/ferry?utm_source=x&day=mon#top',
        canonicalUrl: 'https://example.org/ferry?day=mon',
        source: 'Example Courier',
        author: 'Ada Quill',
        publishedAt: new Date('2024-06-03T07:00:00Z'),
        language: 'en-GB',
      },
    });
  });

  it('treats null and blank fields as absent and derives the title from the text', () => {
    expect(parseImportItem({ title: '   ', text: 'Boats stayed in port. The ferry did not sail.', url: null, author: '', language: null }, 'x')).toEqual({
      ok: true,
      name: 'x',
      article: parsedArticle({ title: 'Boats stayed in port', text: 'Boats stayed in port. The ferry did not sail.' }),
    });
  });

  it('accepts published_at as well as publishedAt, unless they disagree', () => {
    const item = parseImportItem({ text: 'x', published_at: '2024-06-01' }, 'x');
    expect(item.ok && item.article.publishedAt).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(parseImportItem({ text: 'x', publishedAt: '2024-06-01', published_at: '2024-06-01T00:00:00Z' }, 'x').ok).toBe(true);
    expect(error({ text: 'x', publishedAt: '2024-06-01', published_at: '2024-06-02' })).toBe(
      'The item gives two different publication dates (publishedAt and published_at).',
    );
  });

  it('keeps curly quotes, dashes, CJK and emoji, only composing to NFC', () => {
    const item = parseImportItem({ text: '“Quoted” — 佐藤 美咲 said 🌊 in 서울… Ame\u0301lie' }, 'x');
    expect(item.ok && item.article.text).toBe('“Quoted” — 佐藤 美咲 said 🌊 in 서울… Am\u00e9lie');
  });

  it('reads html through the HTML parser, letting given fields win over the page', () => {
    const html =
      '<html lang="de"><title>Page title</title><meta name="author" content="Page Author"><p>Erster Absatz.</p><p>Zweiter&nbsp;Absatz.</p><script>x()</script></html>';
    expect(parseImportItem({ html, title: 'Given title', source: 'Given source' }, 'x')).toEqual({
      ok: true,
      name: 'x',
      article: parsedArticle({
        title: 'Given title',
        text: 'Erster Absatz.\n\nZweiter\u00a0Absatz.',
        source: 'Given source',
        author: 'Page Author',
        language: 'de',
      }),
    });
  });

  it('refuses items without exactly one of text and html', () => {
    expect(error({ title: 'Only a title' })).toBe('The item has no text: give a "text" or an "html" field.');
    expect(error({ text: 'a', html: '<p>b</p>' })).toBe('The item has both text and html; give one of them.');
  });

  it('refuses empty text, NUL and too deep html', () => {
    expect(error({ text: ' \n\t\n ' })).toBe('The article has no text.');
    expect(error({ html: '<script>only()</script><nav>menu</nav>' })).toBe('The article has no text.');
    expect(error({ text: 'a\u0000b' })).toBe('The text contains NUL characters.');
    expect(error({ html: '<p>a\u0000b</p>' })).toBe('The html contains NUL characters.');
    expect(error({ text: 'x', title: 'a\u0000' })).toBe('The title contains NUL characters.');
    expect(error({ html: '<div>'.repeat(600) })).toBe('The HTML nests elements more than 512 levels deep, which no real page does; it was not read.');
  });

  it('refuses overlong fields with the limit in the message', () => {
    expect(error({ text: 'x', title: 't'.repeat(501) })).toBe('The title is longer than 500 characters.');
    expect(parseImportItem({ text: 'x', title: '🌊'.repeat(500) }, 'x').ok).toBe(true);
    expect(error({ text: 'x', url: `https://example.org/${'a'.repeat(2030)}` })).toBe('The URL is longer than 2,048 characters.');
    expect(error({ text: 'x', source: 's'.repeat(301) })).toBe('The source is longer than 300 characters.');
    expect(error({ text: 'x', author: 'a'.repeat(301) })).toBe('The author is longer than 300 characters.');
    expect(error({ text: 'x', language: `en-${'abcdefgh-'.repeat(4)}x` })).toBe('The language is longer than 35 characters; give a tag such as en or de-CH.');
    expect(parseImportItem({ text: 'x', language: 'zh-Hant-TW-u-nu-hanidec' }, 'x').ok).toBe(true);
  });

  it('refuses wrong types, non-web URLs, bad dates and languages, all at once', () => {
    expect(error({ text: 'x', title: 42, url: 'javascript:alert(1)', publishedAt: 'yesterday', language: 'english' })).toBe(
      [
        'The title must be text.',
        'The URL "javascript:alert(1)" is not a full http:// or https:// address.',
        'The publication date "yesterday" is not an ISO 8601 date such as 2024-05-31 or 2024-05-31T14:30:00Z.',
        'The language "english" is not a language tag such as en, de-CH or zh-Hant.',
      ].join(' '),
    );
    expect(error({ text: ['not', 'a', 'string'] })).toBe('The text must be a string.');
    expect(error({ text: 'x', url: '/relative' })).toBe('The URL "/relative" is not a full http:// or https:// address.');
  });

  it('refuses anything that is not an object', () => {
    for (const raw of [null, 'text', 42, ['text'], undefined]) {
      expect(error(raw)).toBe('The item is not an object like {"title": "…", "text": "…"}.');
    }
  });

  it('refuses text longer than the limit', () => {
    expect(error({ text: 'x'.repeat(1_000_001) })).toBe("The article's text is longer than 1,000,000 characters.");
  });
});
