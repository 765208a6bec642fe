import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonItems, parseJsonLinesItems } from './json.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseJsonLinesItems', () => {
  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('reads the fixture: one item per line, a blank line skipped, an html item, one bad line failing alone', () => {
    expect(parseJsonLinesItems(fixture('batch.jsonl'), 'batch.jsonl')).toEqual([
      {
        ok: true,
        name: 'batch.jsonl line 1',
        article: {
          title: 'Bridge reopens',
          text: 'The bridge reopened on Friday.\n\nTraffic was light.',
          url: 'https://example.org/bridge',
          canonicalUrl: 'https://example.org/bridge',
          source: 'Example Courier',
          author: 'Kenji Mori',
          publishedAt: new Date('2024-05-30T00:00:00Z'),
          language: 'en',
        },
      },
      {
        ok: true,
        name: 'batch.jsonl line 3',
        article: {
          title: 'Jour de marché',
          text: 'Jour de marché\n\nLes étals vendaient des pommes & des poires.',
          url: null,
          canonicalUrl: null,
          source: 'Example Courier',
          author: null,
          publishedAt: null,
          language: 'fr',
        },
      },
      { ok: false, name: 'batch.jsonl line 4', error: 'This line is not valid JSON: Unterminated string in JSON at position 63' },
      {
        ok: true,
        name: 'batch.jsonl line 5',
        article: {
          title: 'Night ferry',
          text: 'The night ferry left on time.',
          url: null,
          canonicalUrl: null,
          source: null,
          author: null,
          publishedAt: new Date('2024-06-03T02:15:00Z'),
          language: null,
        },
      },
    ]);
  });

  it('takes CRLF line ends and fails a line holding something other than an object', () => {
    expect(parseJsonLinesItems('{"text": "One."}\r\n[1, 2]\r\n', 'b.jsonl').map((i) => (i.ok ? i.article.text : i.error))).toEqual([
      'One.',
      'The item is not an object like {"title": "…", "text": "…"}.',
    ]);
  });

  it('fails an empty file and one with too many lines as a whole', () => {
    expect(parseJsonLinesItems('\n  \n', 'b.jsonl')).toEqual([{ ok: false, name: 'b.jsonl', error: 'The file holds no articles.' }]);
    expect(parseJsonLinesItems('{"text":"x"}\n'.repeat(10_001), 'b.jsonl')).toEqual([
      { ok: false, name: 'b.jsonl', error: 'The file holds 10,001 articles; one file may hold at most 10,000. Split it.' },
    ]);
  });
});

describe('parseJsonItems', () => {
  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('reads an array, numbering items from 1, each failing alone', () => {
    expect(parseJsonItems(fixture('items.json'), 'items.json')).toEqual([
      {
        ok: true,
        name: 'items.json #1',
        article: {
          title: 'Ferry timetable changes',
          text: 'From Monday the first ferry leaves at 06:40.\n\nThe last one leaves at 23:10.',
          url: 'https://example.org/ferry?utm_source=x#top',
          canonicalUrl: 'https://example.org/ferry',
          source: 'Example Courier',
          author: null,
          publishedAt: new Date('2024-06-03T08:00:00Z'),
          language: 'en-GB',
        },
      },
      { ok: false, name: 'items.json #2', error: 'The URL "javascript:alert(1)" is not a full http:// or https:// address.' },
      { ok: false, name: 'items.json #3', error: 'The item is not an object like {"title": "…", "text": "…"}.' },
    ]);
  });

  it('reads a single object under the file name, and the API body shape', () => {
    expect(parseJsonItems('{"title": "One", "text": "Only one."}', 'one.json').map((i) => i.name)).toEqual(['one.json']);
    expect(parseJsonItems('{"articles": [{"text": "A."}, {"text": "B."}]}', 'body.json').map((i) => i.name)).toEqual(['body.json #1', 'body.json #2']);
  });

  it('fails invalid JSON, an empty list and a bare value as one item', () => {
    expect(parseJsonItems('{"text": "x",}', 'bad.json')).toEqual([
      { ok: false, name: 'bad.json', error: expect.stringMatching(/^The file is not valid JSON: /) },
    ]);
    expect(parseJsonItems('[]', 'empty.json')).toEqual([{ ok: false, name: 'empty.json', error: 'The file holds an empty list of articles.' }]);
    expect(parseJsonItems('"just a string"', 's.json')).toEqual([
      { ok: false, name: 's.json', error: 'The item is not an object like {"title": "…", "text": "…"}.' },
    ]);
  });

  it('fails a file with too many items as a whole', () => {
    expect(parseJsonItems(JSON.stringify(Array(10_001).fill({ text: 'x' })), 'big.json')).toEqual([
      { ok: false, name: 'big.json', error: 'The file holds 10,001 articles; one file may hold at most 10,000. Split it.' },
    ]);
  });
});
