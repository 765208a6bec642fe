import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from './index.ts';
import { parsedArticle } from './article.test-support.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const article = parsedArticle;

describe('parseImportFile with plain text', () => {
  it('takes a headline-like first line as the title and the rest as the body', () => {
    expect(parseImportFile('story.txt', utf8('Storm closes harbour\r\n\r\nBoats stayed in port.\r\nThe ferry did not sail.\r\n'))).toEqual([
      { ok: true, name: 'story.txt', article: article({ title: 'Storm closes harbour', text: 'Boats stayed in port.\nThe ferry did not sail.' }) },
    ]);
    expect(parseImportFile('q.txt', utf8('Is the sea wall safe?\nEngineers say yes.'))).toEqual([
      { ok: true, name: 'q.txt', article: article({ title: 'Is the sea wall safe?', text: 'Engineers say yes.' }) },
    ]);
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('derives the title from the first sentence when the first line is not a headline', () => {
    expect(parseImportFile('note.txt', utf8('The council met on Tuesday. It approved the budget.\n\nMore later.'))).toEqual([
      {
        ok: true,
        name: 'note.txt',
        article: article({ title: 'The council met on Tuesday', text: 'The council met on Tuesday. It approved the budget.\n\nMore later.' }),
      },
    ]);
    // A hard-wrapped first line is not a headline either.
    expect(parseImportFile('wrapped.txt', utf8('The council voted on Tuesday to approve the new\nbudget, which had been delayed.'))).toEqual([
      {
        ok: true,
        name: 'wrapped.txt',
        article: article({
          title: 'The council voted on Tuesday to approve the new budget, which had been delayed',
          text: 'The council voted on Tuesday to approve the new\nbudget, which had been delayed.',
        }),
      },
    ]);
  });

  it('keeps a one-line text as the body, with itself as the title', () => {
    expect(parseImportFile('one.txt', utf8('Storm closes harbour'))).toEqual([
      { ok: true, name: 'one.txt', article: article({ title: 'Storm closes harbour', text: 'Storm closes harbour' }) },
    ]);
  });
});

describe('parseImportFile encodings', () => {
  it('reads windows-1252', () => {
    expect(parseImportFile('cafes.txt', fixture('windows-1252.txt'))).toEqual([
      {
        ok: true,
        name: 'cafes.txt',
        article: article({
          title: 'Café owners “cautiously optimistic”',
          text: 'A survey of 40 cafés — from the harbour to the old town — found naïve hopes…\nCoffee now costs €3.20 a cup.',
        }),
      },
    ]);
  });

  it('reads UTF-16 LE and BE', () => {
    for (const name of ['utf-16le.txt', 'utf-16be.txt']) {
      expect(parseImportFile(name, fixture(name))).toEqual([
        { ok: true, name, article: article({ title: 'Tide tables 🌊 潮汐表', text: 'High water at 06:12 — low water at 12:30.' }) },
      ]);
    }
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('reads Shift_JIS and EUC-KR', () => {
    expect(parseImportFile('shift_jis.txt', fixture('shift_jis.txt'))).toEqual([
      {
        ok: true,
        name: 'shift_jis.txt',
        article: article({ title: '東京で新しい図書館が開館しました', text: '東京で新しい図書館が開館しました。市民は喜んでいます。' }),
      },
    ]);
    expect(parseImportFile('euc-kr.txt', fixture('euc-kr.txt'))).toEqual([
      {
        ok: true,
        name: 'euc-kr.txt',
        article: article({ title: '서울에서 새 도서관이 문을 열었습니다', text: '서울에서 새 도서관이 문을 열었습니다. 시민들은 기뻐했습니다.' }),
      },
    ]);
  });

  it('reads a windows-1252 HTML page', () => {
    const html = new Uint8Array([...utf8('<title>Caf'), 0xe9, ...utf8('s</title><p>'), 0x93, ...utf8('Open'), 0x94, 0x20, 0x97, ...utf8(' daily.</p>')]);
    const [item] = parseImportFile('page.HTM', html);
    expect(item).toEqual({ ok: true, name: 'page.HTM', article: article({ title: 'Cafés', text: '“Open” — daily.' }) });
  });
});

describe('parseImportFile', () => {
  it('dispatches on the extension, in any case', () => {
    const names = (fileName: string, content: string) => parseImportFile(fileName, utf8(content)).map((item) => [item.name, item.ok]);
    expect(names('STORY.HTML', '<p>Hi.</p>')).toEqual([['STORY.HTML', true]]);
    expect(names('dir/notes.Md', '# Hi\n\nThere.')).toEqual([['dir/notes.Md', true]]);
    expect(names('a.JSON', '[{"text":"a"},{"text":"b"}]')).toEqual([
      ['a.JSON #1', true],
      ['a.JSON #2', true],
    ]);
    expect(names('a.jsonl', '{"text":"a"}\n{"text":"b"}')).toEqual([
      ['a.jsonl line 1', true],
      ['a.jsonl line 2', true],
    ]);
    expect(names('a.CSV', 'text\na\n')).toEqual([['a.CSV row 2', true]]);
  });

  it('reads the fixtures end to end', () => {
    expect(parseImportFile('tricky.html', fixture('tricky.html'))[0]).toMatchObject({
      ok: true,
      article: { title: 'Harbour council approves “living” sea wall', canonicalUrl: 'https://news.example.org/2024/05/sea-wall?id=42' },
    });
    expect(parseImportFile('front-matter.md', fixture('front-matter.md'))[0]).toMatchObject({
      ok: true,
      article: { title: 'Tide tables, explained', canonicalUrl: 'https://example.org/tides?page=2' },
    });
    expect(parseImportFile('feed.csv', fixture('feed.csv')).map((item) => [item.name, item.ok])).toEqual([
      ['feed.csv row 2', true],
      ['feed.csv row 3', true],
      ['feed.csv row 4', false],
      ['feed.csv row 5', true],
    ]);
  });

  it('refuses unknown and missing extensions', () => {
    const supported = 'use .txt, .md, .html, .htm, .json, .jsonl or .csv.';
    expect(parseImportFile('report.PDF', utf8('x'))).toEqual([
      { ok: false, name: 'report.PDF', error: `Files of this type (.pdf) cannot be imported; ${supported}` },
    ]);
    expect(parseImportFile('README', utf8('x'))).toEqual([
      { ok: false, name: 'README', error: `The file name has no extension to tell its type; ${supported}` },
    ]);
    expect(parseImportFile('.txt', utf8('x'))).toEqual([{ ok: false, name: '.txt', error: `The file name has no extension to tell its type; ${supported}` }]);
    expect(parseImportFile('notes.txt.exe', utf8('x'))[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^Files of this type \(\.exe\)/) });
  });

  it('fails empty, blank, binary and NUL files as one item named after the file', () => {
    expect(parseImportFile('empty.txt', new Uint8Array())).toEqual([{ ok: false, name: 'empty.txt', error: 'The file is empty.' }]);
    expect(parseImportFile('blank.txt', utf8(' \r\n\t\r\n'))).toEqual([{ ok: false, name: 'blank.txt', error: 'The article has no text.' }]);
    expect(parseImportFile('blank.md', utf8('---\ntitle: Only a title\n---\n'))).toEqual([{ ok: false, name: 'blank.md', error: 'The article has no text.' }]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(parseImportFile('photo.txt', png)).toEqual([{ ok: false, name: 'photo.txt', error: 'The file looks like a binary file (a PNG image), not text.' }]);
    expect(parseImportFile('feed.csv', png)).toEqual([{ ok: false, name: 'feed.csv', error: 'The file looks like a binary file (a PNG image), not text.' }]);
    expect(parseImportFile('nul.txt', utf8('Headline\n\nText with a \u0000 in it.'))).toEqual([
      { ok: false, name: 'nul.txt', error: 'The file contains NUL characters, which text never holds; it may be damaged.' },
    ]);
  });

  it('fails too deep HTML clearly, without overflowing the stack', () => {
    expect(parseImportFile('deep.html', utf8(`${'<div>'.repeat(10_000)}x`))).toEqual([
      { ok: false, name: 'deep.html', error: 'The HTML nests elements more than 512 levels deep, which no real page does; it was not read.' },
    ]);
  });

  it('fails invalid JSON as one item', () => {
    expect(parseImportFile('items.json', utf8('[{"text": "a"}'))).toEqual([
      { ok: false, name: 'items.json', error: expect.stringMatching(/^The file is not valid JSON: /) },
    ]);
  });
});
