/**
 * The entries of a zip as its central directory declares them, with where each one's data starts,
 * so that each can be inflated on its own and stopped at its declared size (fflate's unzipSync
 * inflates an entry whole, whatever it declares, before anything can look at it). Only what a
 * brat corpus needs is read: no Zip64 (its limits stay far below 4 GB and 65,535 files), no
 * encryption, no multi-disk archives. Throws ZipFormatError for anything else.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; the caller refuses other methods. */
  compression: number;
  /** Bytes of the entry's data in the zip. */
  size: number;
  /** Bytes once inflated, as declared: nothing checks it but the inflater. */
  originalSize: number;
  /** Where the entry's data starts in the zip. */
  dataOffset: number;
}

export class ZipFormatError extends Error {}

// A list of named constants of the zip format: alike in shape only.
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_LENGTH = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;
const ENCRYPTED = 0x0001;
const UTF8_NAME = 0x0800;

const utf8 = new TextDecoder('utf-8');
// Names without the UTF-8 flag are in the DOS code page; brat corpora use ASCII names, shown as Latin-1.
const latin1 = new TextDecoder('latin1');

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, length: number) => {
    if (at < 0 || at + length > bytes.length) throw new ZipFormatError('it ends too soon');
  };
  let end = bytes.length - END_RECORD_LENGTH;
  const earliest = Math.max(0, end - MAX_COMMENT);
  while (end >= earliest && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < earliest) throw new ZipFormatError('it has no zip directory');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count) throw new ZipFormatError('it spans several disks');
  if (count === 0xffff || directoryOffset === ZIP64_MARK) throw new ZipFormatError('it uses Zip64 records');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    need(at, 46);
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new ZipFormatError('its directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const compression = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const originalSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    need(at + 46, nameLength);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & UTF8_NAME ? utf8 : latin1).decode(nameBytes);
    if (size === ZIP64_MARK || originalSize === ZIP64_MARK || localOffset === ZIP64_MARK) throw new ZipFormatError(`${name} uses Zip64 records`);
    if (flags & ENCRYPTED) throw new ZipFormatError(`${name} is encrypted`);
    need(localOffset, 30);
    if (view.getUint32(localOffset, true) !== LOCAL_HEADER) throw new ZipFormatError(`the data of ${name} is not where the directory says`);
    const dataOffset = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    need(dataOffset, size);
    entries.push({ name, compression, size, originalSize, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
