import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

const decoded = (input: Uint8Array) => {
  const result = decodeText(input);
  if (!result.ok) throw new Error(`expected text, got: ${result.error.message}`);
  return result.value;
};
const refusal = (input: Uint8Array) => {
  const result = decodeText(input);
  if (result.ok) throw new Error(`expected a refusal, got text in ${result.value.encoding}`);
  return result.error.message;
};

describe('decodeText', () => {
  it('reads UTF-8 without a byte-order mark, keeping quotes, dashes, CJK and emoji', () => {
    expect(decoded(utf8('“Quoted” — 東京 🌊\r\n'))).toEqual({ text: '“Quoted” — 東京 🌊\r\n', encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decoded(bytes([0xef, 0xbb, 0xbf], 'Caf\u00e9'))).toEqual({ text: 'Café', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a byte-order mark, surrogate pairs included', () => {
    const text = 'Tide tables 🌊 潮汐表\r\n\r\nHigh water at 06:12 — low water at 12:30.\r\n';
    expect(decoded(fixture('utf-16le.txt'))).toEqual({ text, encoding: 'utf-16le' });
    expect(decoded(fixture('utf-16be.txt'))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reads UTF-8 text behind a UTF-16 byte-order mark as the UTF-8 it is, not as CJK-looking nonsense', () => {
    // Read as UTF-16 BE this was "周攠睡汬⁧慶攠睡礮".
    expect(decoded(bytes([0xfe, 0xff], 'The wall gave way.'))).toEqual({ text: 'The wall gave way.', encoding: 'utf-8' });
    const text = 'Harbour wall gives way — 東京 🌊\nThe wall gave way.';
    expect(decoded(bytes([0xfe, 0xff], text))).toEqual({ text, encoding: 'utf-8' });
    expect(decoded(bytes([0xff, 0xfe], text))).toEqual({ text, encoding: 'utf-8' });
    // Odd in length, so no UTF-16 at all.
    expect(decoded(bytes([0xfe, 0xff], 'Tide'))).toEqual({ text: 'Tide', encoding: 'utf-8' });
  });

  it('still reads genuine UTF-16 BE, even CJK without a single zero byte', () => {
    const cjk = '潮汐表';
    const be = new Uint8Array([0xfe, 0xff, ...[...cjk].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    expect(be.includes(0)).toBe(false);
    expect(decoded(be)).toEqual({ text: cjk, encoding: 'utf-16be' });
    expect(decoded(fixture('utf-16be.txt')).encoding).toBe('utf-16be');
  });

  it('recognises UTF-16 LE without a byte-order mark instead of calling it binary', () => {
    const le = new Uint8Array([...'Plain words, no mark.'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decoded(le)).toEqual({ text: 'Plain words, no mark.', encoding: 'utf-16le' });
  });

  it('reads windows-1252: curly quotes, em dash, é, ellipsis and euro sign', () => {
    const input = bytes([0x93], 'Caf', [0xe9], [0x94, 0x20, 0x97, 0x20], 'na', [0xef], 've', [0x85, 0x20, 0x80], '3');
    expect(decoded(input)).toEqual({ text: '“Café” — naïve… €3', encoding: 'windows-1252' });
    expect(decoded(fixture('windows-1252.txt')).text).toBe(
      'Café owners “cautiously optimistic”\r\n\r\nA survey of 40 cafés — from the harbour to the old town — found naïve hopes…\r\nCoffee now costs €3.20 a cup.\r\n',
    );
  });

  it('reads short Western legacy text as windows-1252, whatever single-byte guess chardet makes', () => {
    for (const text of ['naïve', 'ÀÉÎÕÜ àéîõü', 'Grüße aus München', 'El niño comió piñas', 'Smörgåsbord på Åland', 'é']) {
      const latin1 = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
      expect(decoded(latin1)).toEqual({ text, encoding: 'windows-1252' });
    }
  });

  it('detects Shift_JIS and EUC-KR', () => {
    expect(decoded(fixture('shift_jis.txt'))).toEqual({ text: '東京で新しい図書館が開館しました。市民は喜んでいます。\n', encoding: 'shift_jis' });
    expect(decoded(fixture('euc-kr.txt'))).toEqual({ text: '서울에서 새 도서관이 문을 열었습니다. 시민들은 기뻐했습니다.\n', encoding: 'euc-kr' });
  });

  it('refuses files that start like images, documents and archives', () => {
    expect(refusal(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'))).toBe(
      'The file looks like a binary file (a PNG image), not text.',
    );
    expect(refusal(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('The file looks like a binary file (a PDF document), not text.');
    expect(refusal(bytes([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0], '[Content_Types].xml'))).toBe(
      'The file looks like a binary file (a ZIP archive or Office document), not text.',
    );
  });

  it('refuses data full of control bytes as binary', () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(refusal(noise)).toBe('The file looks like a binary file, not text.');
  });

  it('refuses text holding a NUL character', () => {
    expect(refusal(utf8('A normal sentence\u0000 with one NUL in it.'))).toBe('The file contains NUL characters, which text never holds; it may be damaged.');
  });

  it('refuses a byte-order mark that lies and UTF-32', () => {
    expect(refusal(bytes([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8]))).toBe('The file starts with a UTF-16LE byte-order mark but is not valid UTF-16LE.');
    expect(refusal(bytes([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toBe('The file is in UTF-32, which is not supported; save it as UTF-8.');
  });
});
