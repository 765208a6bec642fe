import { describe, expect, it } from 'vitest';
import { concatBytes } from '@/lib/bytes.ts';
import { crc32, ZipWriter } from './zip.ts';

const text = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });

function build(files: [string, string][]): Uint8Array {
  const zip = new ZipWriter();
  return concatBytes([...files.map(([name, content]) => zip.file(name, content)), zip.end()]);
}

interface Parsed {
  name: string;
  content: string;
  flags: number;
  method: number;
}

/** Reads a zip back the way an unzipper does: end record -> central directory -> local headers. */
function parse(bytes: Uint8Array): { entries: Parsed[]; zip64: boolean } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  expect(v.getUint32(eocd, true)).toBe(0x06054b50);
  let count = v.getUint16(eocd + 10, true);
  let cdSize = v.getUint32(eocd + 12, true);
  let cdOffset = v.getUint32(eocd + 16, true);
  const zip64 = count === 0xffff;
  if (zip64) {
    const locator = eocd - 20;
    expect(v.getUint32(locator, true)).toBe(0x07064b50);
    const record = Number(v.getBigUint64(locator + 8, true));
    expect(v.getUint32(record, true)).toBe(0x06064b50);
    count = Number(v.getBigUint64(record + 32, true));
    cdSize = Number(v.getBigUint64(record + 40, true));
    cdOffset = Number(v.getBigUint64(record + 48, true));
    expect(record).toBe(cdOffset + cdSize);
  } else {
    expect(eocd).toBe(cdOffset + cdSize);
  }
  const entries: Parsed[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(p, true)).toBe(0x02014b50);
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    const size = v.getUint32(p + 20, true);
    expect(v.getUint32(p + 24, true)).toBe(size);
    const nameLength = v.getUint16(p + 28, true);
    const extra = v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extra;
    // The local header agrees with the central directory.
    expect(v.getUint32(local, true)).toBe(0x04034b50);
    expect(v.getUint16(local + 6, true)).toBe(flags);
    expect(v.getUint16(local + 8, true)).toBe(method);
    expect(v.getUint32(local + 14, true)).toBe(crc);
    expect(v.getUint32(local + 18, true)).toBe(size);
    expect(v.getUint16(local + 26, true)).toBe(nameLength);
    const dataAt = local + 30 + nameLength + v.getUint16(local + 28, true);
    const data = bytes.subarray(dataAt, dataAt + size);
    expect(crc32(data)).toBe(crc);
    entries.push({ name, content: utf8.decode(data), flags, method });
  }
  expect(p).toBe(cdOffset + cdSize);
  return { entries, zip64 };
}

describe('crc32', () => {
  it('matches the known check values', () => {
    expect(crc32(text.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(text.encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('ZipWriter', () => {
  it('writes a zip that reads back: STORE, UTF-8 names, CRC and sizes in the headers', () => {
    const files: [string, string][] = [
      ['annotation.conf', '[entities]\nClaim\n'],
      ['ck1.txt', 'Wave 🌊 hits 佐藤.'],
      ['ck1.ann', ''],
      ['名前.txt', 'x'],
    ];
    const { entries, zip64 } = parse(build(files));
    expect(zip64).toBe(false);
    expect(entries.map((e) => [e.name, e.content])).toEqual(files);
    for (const e of entries) {
      expect(e.method).toBe(0);
      expect(e.flags & 0x0800).toBe(0x0800);
    }
  });

  it('matches a golden one-file zip byte for byte and is deterministic', () => {
    const bytes = build([['a.txt', 'hi']]);
    const hex = Buffer.from(bytes).toString('hex');
    // Checked with Python's zipfile (testzip) when written.
    expect(hex).toBe(
      '504b030414000008000000002100ac2a93d8020000000200000005000000' +
        '612e7478746869504b0102140014000008000000002100ac2a93d8020000000200000005000000000000000000000000' +
        '0000000000612e747874504b0506000000000100010033000000250000000000',
    );
    expect(Buffer.from(build([['a.txt', 'hi']])).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes an empty zip', () => {
    const bytes = build([]);
    expect(bytes.length).toBe(22);
    expect(parse(bytes).entries).toEqual([]);
  });

  // 65,536 entries take a few seconds on a loaded two-core machine: past vitest's default 5 s.
  it('switches to Zip64 end records past 65,534 entries', { timeout: 30_000 }, () => {
    const files: [string, string][] = Array.from({ length: 65_536 }, (_, i) => [`${i}`, '']);
    const { entries, zip64 } = parse(build(files));
    expect(zip64).toBe(true);
    expect(entries).toHaveLength(65_536);
    expect(entries.at(-1)?.name).toBe('65535');
  });

  it('refuses entries after the end', () => {
    const zip = new ZipWriter();
    zip.end();
    expect(() => zip.file('a', 'b')).toThrow();
  });
});
