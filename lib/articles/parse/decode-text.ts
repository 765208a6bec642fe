import { analyse } from 'chardet';
import { fail, ok, type Result } from '@/lib/result.ts';
import { CodeUnitWriter } from '@/lib/articles/code-unit-writer.ts';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "utf-16le", "windows-1252", "shift_jis". */
  encoding: string;
}

// File signatures of formats people drop by mistake (a PDF or a Word file instead of its text).
const SIGNATURES: { kind: string; offset?: number; bytes: number[] }[] = [
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a WebP image', offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { kind: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'a ZIP archive or Office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'an old Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: 'an MP4 video or audio file', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { kind: 'a program', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'an SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x00] },
];

function binarySignature(bytes: Uint8Array): string | null {
  for (const { kind, offset = 0, bytes: magic } of SIGNATURES) {
    if (bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b)) return kind;
  }
  return null;
}

function decodeStrict(bytes: Uint8Array, encoding: string): DecodedText | null {
  try {
    const decoder = new TextDecoder(encoding, { fatal: true });
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    return null;
  }
}

type Decoding = Result<DecodedText> | null;

function decodeByBom(bytes: Uint8Array): Decoding {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) {
    return fail('unsupported_media_type', 'The file is in UTF-32, which is not supported; save it as UTF-8.');
  }
  const bom = a === 0xef && b === 0xbb && c === 0xbf ? 'utf-8' : a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : null;
  if (!bom) return null;
  // A UTF-16 mark before UTF-8 text (a tool that wrote the mark of one encoding and the text of
  // another) would read as CJK-looking nonsense, since pairs of ASCII letters are CJK code units.
  // The researcher means the text they wrote, so it is read as UTF-8 when it is that: valid UTF-8
  // and free of zero bytes. Real UTF-16 is neither: every space, line break, digit or Latin letter
  // has a zero byte, and CJK code units are rarely valid UTF-8 sequences (the test of a whole file
  // leaves no doubt). Anything else goes to the strict UTF-16 decoder, which refuses what is not UTF-16.
  if (bom !== 'utf-8' && !bytes.includes(0, 2)) {
    const utf8 = decodeStrict(bytes.subarray(2), 'utf-8');
    if (utf8) return ok(utf8);
  }
  // TextDecoder drops the byte-order mark itself.
  const decoded = decodeStrict(bytes, bom);
  return decoded ? ok(decoded) : fail('validation', `The file starts with a ${bom.toUpperCase()} byte-order mark but is not valid ${bom.toUpperCase()}.`);
}

/**
 * UTF-16 without a byte-order mark, recognised by Latin text's zero high bytes all on one side.
 * Without this such a file would be refused as binary for its many NUL bytes.
 */
function decodeUtf16WithoutBom(bytes: Uint8Array): Decoding {
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const encoding = oddZeros > pairs * 0.3 && evenZeros < pairs * 0.02 ? 'utf-16le' : evenZeros > pairs * 0.3 && oddZeros < pairs * 0.02 ? 'utf-16be' : null;
  if (!encoding) return null;
  const decoded = decodeStrict(bytes, encoding);
  return decoded ? ok(decoded) : null;
}

// Multi-byte encodings chardet recognises reliably (it checks every byte pair against the code table).
// Single-byte guesses on short Western text are noise (ISO-8859-9 for "naïve"), so any other
// non-UTF-8 text is read as windows-1252, the superset of Latin-1 that Western legacy files use.
const MULTIBYTE: Record<string, string> = { Shift_JIS: 'shift_jis', 'EUC-JP': 'euc-jp', 'EUC-KR': 'euc-kr', GB18030: 'gb18030', Big5: 'big5' };

// Bytes 0x80-0x9F of windows-1252 (five are unassigned and stay as they are). Node 20's TextDecoder
// reads 'windows-1252' as ISO-8859-1, turning curly quotes and dashes into invisible C1 controls.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const WINDOWS_1252 = Uint16Array.from({ length: 256 }, (_, byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte));

// Byte by byte through a table: a replacement per C1 character cost seconds on a file full of them.
function decodeWindows1252(bytes: Uint8Array): string {
  const out = new CodeUnitWriter(bytes.length);
  for (let i = 0; i < bytes.length; i++) out.push(WINDOWS_1252[bytes[i]!]!);
  return out.toString();
}

function decodeLegacy(bytes: Uint8Array): DecodedText {
  const best = analyse(bytes.subarray(0, 64 * 1024))[0];
  const multibyte = best && best.confidence >= 50 ? MULTIBYTE[best.name] : undefined;
  const decoded = multibyte ? decodeStrict(bytes, multibyte) : null;
  return decoded ?? { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

// C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape.
const isBinaryControl = (code: number) => code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b;

function looksBinary(text: string): boolean {
  const sample = Math.min(text.length, 8192);
  let controls = 0;
  for (let i = 0; i < sample; i++) if (isBinaryControl(text.charCodeAt(i))) controls++;
  return controls >= 8 && controls > sample * 0.05;
}

/**
 * Bytes of an uploaded file to text: UTF-8 (with or without BOM), UTF-16 with BOM (or recognisably
 * without), otherwise a detected legacy encoding. Refuses binary files and text holding NUL.
 */
export function decodeText(bytes: Uint8Array): Result<DecodedText> {
  const signature = binarySignature(bytes);
  if (signature) return fail('unsupported_media_type', `The file looks like a binary file (${signature}), not text.`);
  const decoded = decodeByBom(bytes) ?? decodeUtf16WithoutBom(bytes) ?? ok(decodeStrict(bytes, 'utf-8') ?? decodeLegacy(bytes));
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded.value;
  if (looksBinary(text)) return fail('unsupported_media_type', 'The file looks like a binary file, not text.');
  if (text.includes('\0')) return fail('validation', 'The file contains NUL characters, which text never holds; it may be damaged.');
  return ok({ text: text.startsWith('\ufeff') ? text.slice(1) : text, encoding });
}
