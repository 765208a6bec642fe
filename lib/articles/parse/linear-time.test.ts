import { describe, expect, it } from 'vitest';
import { expectLinearTime } from '@/lib/time-growth.test-support.ts';
import { normalizeArticleText } from '@/lib/articles/normalize.ts';
import { codePointLength, toArticleText, toSingleLine } from './article-text.ts';
import { parseImportFile } from './import-file.ts';

/**
 * Every step that reads an upload must take time linear in its size: a hostile file gets no more
 * than its share of the server. Each case times a step on an adversarial input and on one eight
 * times larger (see timeGrowth); quadratic work shows a ratio near 64, linear near 8.
 */

const utf8 = (s: string) => new TextEncoder().encode(s);
const repeat = (unit: string, n: number) => unit.repeat(Math.max(1, Math.round(n / unit.length)));

const texts: [string, (n: number) => string][] = [
  ['a run of spaces inside a line', (n) => `a${' '.repeat(n)}b`],
  ['alternating spaces and tabs inside a line', (n) => `a${repeat(' \t', n)}b`],
  ['a text of spaces and tabs only', (n) => repeat(' \t', n)],
  ['lines that end in spaces', (n) => repeat(`x${' '.repeat(15)}\n`, n)],
  ['blank lines', (n) => `a${'\n'.repeat(n)}b`],
  ['blank lines of spaces and no-break spaces', (n) => repeat(' \u00a0\t\n', n)],
  ['CRLF, CR and LF mixed', (n) => repeat(' \r\n \r \n\r\r\n', n)],
  ['one long line of one character', (n) => 'x'.repeat(n)],
  ['alternating lines and paragraphs', (n) => repeat('a\n\nb\n', n)],
  ['form feeds and line separators', (n) => repeat('\f\u2028\u0085\v', n)],
  ['control characters and lone surrogates', (n) => repeat('\u0001\ud800a\udc00\u007f', n)],
  ['emoji and combining marks', (n) => repeat('🌊e\u0301', n)],
];

describe('text steps take linear time on adversarial text', () => {
  for (const [name, make] of texts) {
    it(`normalizeArticleText: ${name}`, () => expectLinearTime(make, normalizeArticleText));
    it(`toArticleText: ${name}`, () => expectLinearTime(make, toArticleText));
    it(`toSingleLine: ${name}`, () => expectLinearTime(make, toSingleLine));
  }
  it('codePointLength: emoji', () => expectLinearTime((n) => repeat('🌊', n), codePointLength));
});

const files: [string, (n: number) => Uint8Array][] = [
  ['a .txt line of a run of spaces (the 40,000-space line)', (n) => utf8(`a${' '.repeat(n)}b`)],
  ['a .txt of blank lines', (n) => utf8(`Title\n${'\n'.repeat(n)}b`)],
  ['a .txt in windows-1252 full of C1 punctuation', (n) => new Uint8Array(n).fill(0x93)],
  ['a .html page nested to the limit around runs of spaces', (n) => utf8(`${'<div>'.repeat(512)}${repeat('a    b ', n)}${'</div>'.repeat(512)}`)],
  ['a .html <pre> with long runs of spaces and tabs', (n) => utf8(`<pre>a${' '.repeat(n)}b\n${'\t'.repeat(n)}c</pre>`)],
  ['a .html page of words and spaces', (n) => utf8(`<p>${repeat('a  \n ', n)}</p>`)],
  ['a .html byline of a long run of dashes', (n) => utf8(`<p class="byline">By ${'-'.repeat(n)}x</p><p>Text.</p>`)],
  ['a .html page of nested bylines around many small texts', (n) => utf8(`${'<div class="byline">'.repeat(500)}${repeat('<b></b>x', n)}`)],
  ['a .html title and meta of long runs', (n) => utf8(`<title>a${' '.repeat(n)}b</title><meta name="author" content="a${' '.repeat(n)}b"><p>Text.</p>`)],
  ['a .json article whose text is a run of spaces', (n) => utf8(JSON.stringify({ title: 'T', text: `a${' '.repeat(n)}b` }))],
  ['a .json of deeply nested arrays', (n) => utf8(`${'['.repeat(n)}${']'.repeat(n)}`)],
  ['a .json title of a long run of spaces', (n) => utf8(JSON.stringify({ title: `a${' '.repeat(n)}b`, text: 'x' }))],
  ['a .jsonl with a long line', (n) => utf8(`${JSON.stringify({ text: `a${repeat(' \t', n)}b` })}\n{"text":"x"}\n`)],
  ['a .csv with a huge quoted field', (n) => utf8(`title,text\nT,"a${repeat(' "" ', n)}b"\n`)],
  ['a .md line of a run of spaces', (n) => utf8(`a${' '.repeat(n)}b`)],
  ['a .md code block of long runs', (n) => utf8(`\`\`\`\na${' '.repeat(n)}b\n\`\`\`\n`)],
];

describe('parseImportFile takes linear time on adversarial files', () => {
  for (const [name, make] of files) {
    const extension = /\.(\w+)/.exec(name)![1];
    it(name, () => expectLinearTime(make, (bytes) => parseImportFile(`adversarial.${extension}`, bytes)));
  }
});

// Just under the 10 MB file limit. How long each takes is printed by nothing here (timing is for
// the n-vs-8n guards above); these check that such files are read or refused as they should be.
const TEN_MB = 10 * 1024 * 1024 - 1024;
const tooLong = "The article's text is longer than 1,000,000 characters.";

describe('10 MB adversarial files are read or refused with a reason, never thrown on', () => {
  const cases: [string, () => Uint8Array, string | { title: string; length: number }][] = [
    ['one line of spaces.txt', () => utf8(`a${' '.repeat(TEN_MB - 2)}b`), tooLong],
    ['lines of 40,000 spaces.txt', () => utf8(repeat(`a${' '.repeat(40_000)}b\n`, TEN_MB)), tooLong],
    ['alternating spaces and tabs.txt', () => utf8(repeat(' \t', TEN_MB)), 'The article has no text.'],
    ['blank lines.txt', () => utf8(`Title\n${'\n'.repeat(TEN_MB - 8)}b`), { title: 'Title', length: 1 }],
    ['line ends mixed.txt', () => utf8(`Title\n${repeat(' \r\n \r \n', TEN_MB - 8)}b`), { title: 'Title', length: 1 }],
    ['one character.txt', () => utf8('x'.repeat(TEN_MB)), tooLong],
    ['nested to the limit.html', () => utf8(`${'<div>'.repeat(512)}${repeat('a    b ', TEN_MB - 6_000)}${'</div>'.repeat(512)}`), tooLong],
    [
      'nested past the limit.html',
      () => utf8(`${'<div>'.repeat(513)}${'x'.repeat(TEN_MB - 3_000)}`),
      'The HTML nests elements more than 512 levels deep, which no real page does; it was not read.',
    ],
    ['runs in pre.html', () => utf8(`<pre>a${' '.repeat(TEN_MB - 20)}b</pre>`), tooLong],
    [
      'nested arrays.json',
      () => utf8(`${'['.repeat(TEN_MB / 2)}${']'.repeat(TEN_MB / 2)}`),
      'The file nests arrays or objects more than 64 levels deep, which no article or export does.',
    ],
    ['a long line.jsonl', () => utf8(JSON.stringify({ title: 'T', text: `a${' '.repeat(TEN_MB - 30)}b` })), tooLong],
    ['a huge quoted field.csv', () => utf8(`title,text\nT,"a${' '.repeat(TEN_MB - 20)}b"\n`), tooLong],
    [
      'prose.md',
      () => utf8(repeat('The *council* said [so](http://x.example) on Tuesday. ', TEN_MB)),
      "The Markdown is 10,484,748 characters; a Markdown file may hold at most 1,500,000 (an article's text at most 1,000,000).",
    ],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => {
      const [item, ...more] = parseImportFile(name, make());
      expect(more).toEqual([]);
      if (typeof expected === 'string') expect(item).toMatchObject({ ok: false, error: expected });
      else expect(item!.ok && { title: item!.article.title, length: item!.article.text.length }).toEqual(expected);
    });
  }
});
