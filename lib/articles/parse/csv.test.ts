import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvItems } from './csv.ts';
import { decodeText } from './decode-text.ts';
import type { ParsedItem } from './model.ts';

const summary = (items: ParsedItem[]) => items.map((item) => (item.ok ? { name: item.name, title: item.article.title, text: item.article.text } : item));

describe('parseCsvItems', () => {
  it('reads the fixture: BOM, CRLF, quoted newlines, doubled quotes, commas, an extra column, a bad row', () => {
    const decoded = decodeText(new Uint8Array(readFileSync(new URL('./fixtures/feed.csv', import.meta.url))));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const items = parseCsvItems(decoded.value.text, 'feed.csv');
    expect(items[0]).toEqual({
      ok: true,
      name: 'feed.csv row 2',
      article: {
        title: 'Storm closes harbour, again',
        text: 'The storm closed the harbour on Monday.\n\nBoats stayed in port; the ferry "Gull" did not sail.',
        url: 'https://example.org/storm?utm_campaign=x&id=7',
        canonicalUrl: 'https://example.org/storm?id=7',
        source: 'Example Courier',
        author: 'Ada Quill',
        publishedAt: new Date('2024-05-31T00:00:00Z'),
        language: null,
      },
    });
    expect(summary(items.slice(1))).toEqual([
      { name: 'feed.csv row 3', title: 'Library opens', text: 'Doors opened at 9, and 300 people came in.' },
      { ok: false, name: 'feed.csv row 4', error: 'The publication date "2024-02-30" is not an ISO 8601 date such as 2024-05-31 or 2024-05-31T14:30:00Z.' },
      { name: 'feed.csv row 5', title: 'Untitled row text, with a comma', text: 'Untitled row text, with a comma. Second sentence here.' },
    ]);
  });

  it('reports a row with the wrong number of fields alone, skipping blank rows but counting them', () => {
    const csv = 'title,text\nOne,"First, quoted."\n\n,,\nTwo,Second,extra\nThree,Third.\n';
    expect(summary(parseCsvItems(csv, 'f.csv'))).toEqual([
      { name: 'f.csv row 2', title: 'One', text: 'First, quoted.' },
      { ok: false, name: 'f.csv row 5', error: 'This row has 3 fields but the header has 2; a comma or a quote is probably missing or extra.' },
      { name: 'f.csv row 6', title: 'Three', text: 'Third.' },
    ]);
  });

  it('reports a quote that is never closed on its row and keeps the rows before it', () => {
    expect(summary(parseCsvItems('text\nFine.\n"Opened\nand never closed\n', 'f.csv'))).toEqual([
      { name: 'f.csv row 2', title: 'Fine', text: 'Fine.' },
      { ok: false, name: 'f.csv row 3', error: 'A quoted field opened here is never closed, so the rest of the file ran into it (the file ends at line 4).' },
    ]);
  });

  it('takes header names in any case, a stray quote inside a field, and ; or tab as separator', () => {
    expect(summary(parseCsvItems('TEXT;Title\nA 5" screen.;Screens\n', 'f.csv'))).toEqual([{ name: 'f.csv row 2', title: 'Screens', text: 'A 5" screen.' }]);
    expect(summary(parseCsvItems('title\ttext\nTabs\tSeparated, with commas.\n', 'f.csv'))).toEqual([
      { name: 'f.csv row 2', title: 'Tabs', text: 'Separated, with commas.' },
    ]);
  });

  it('accepts an html column', () => {
    const items = parseCsvItems('html,url\n"<h1>Pier news</h1><p>The pier &amp; the lighthouse.</p>",https://example.org/pier\n', 'f.csv');
    expect(summary(items)).toEqual([{ name: 'f.csv row 2', title: 'Pier news', text: 'Pier news\n\nThe pier & the lighthouse.' }]);
  });

  it('fails the whole file for a missing text column, a repeated column, or no rows', () => {
    expect(parseCsvItems('title,body\nA,B\n', 'f.csv')).toEqual([
      { ok: false, name: 'f.csv', error: 'The CSV header has no "text" column; its columns are: title, body.' },
    ]);
    expect(parseCsvItems('text,Text\nA,B\n', 'f.csv')).toEqual([{ ok: false, name: 'f.csv', error: 'The CSV header has the column "text" twice.' }]);
    expect(parseCsvItems('title,text\n\n', 'f.csv')).toEqual([{ ok: false, name: 'f.csv', error: 'The CSV has a header but no articles.' }]);
    expect(parseCsvItems('', 'f.csv')).toEqual([{ ok: false, name: 'f.csv', error: 'The CSV has no header row.' }]);
  });

  it('fails a file with more rows than one file may hold', () => {
    expect(parseCsvItems(`text\n${'Row.\n'.repeat(10_001)}`, 'f.csv')).toEqual([
      { ok: false, name: 'f.csv', error: 'The CSV has 10,001 rows; one file may hold at most 10,000. Split it.' },
    ]);
  });
});
