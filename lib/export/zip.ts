/**
 * A minimal streaming zip writer: STORE only (no compression), UTF-8 names (flag bit 11), every
 * entry built in memory first so its CRC-32 and size go in the local header (no data descriptor).
 * `file()` returns the bytes of one entry as soon as it is added; `end()` returns the central
 * directory. Entries carry a fixed time (1980-01-01 00:00) so the same files give the same bytes.
 * More than 65,535 entries, or a central directory past 4 GiB, get Zip64 end records; a single
 * entry must stay under 4 GiB and start before 4 GiB.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zip uses it). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const UTF8_FLAG = 0x0800;
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

const encoder = new TextEncoder();

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private ended = false;

  /** The local header and data of one entry. */
  file(name: string, content: Uint8Array | string): Uint8Array {
    if (this.ended) throw new Error('The zip is already ended');
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const nameBytes = encoder.encode(name);
    if (nameBytes.length > MAX16) throw new Error('Zip entry name too long');
    if (data.length >= MAX32 || this.offset >= MAX32) throw new Error('Zip entries past 4 GiB are not supported');
    const entry: Entry = { name: nameBytes, crc: crc32(data), size: data.length, offset: this.offset };
    const out = new Uint8Array(30 + nameBytes.length + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true); // version needed: 2.0
    v.setUint16(6, UTF8_FLAG, true);
    v.setUint16(8, 0, true); // STORE
    v.setUint16(10, DOS_TIME, true);
    v.setUint16(12, DOS_DATE, true);
    v.setUint32(14, entry.crc, true);
    v.setUint32(18, entry.size, true);
    v.setUint32(22, entry.size, true);
    v.setUint16(26, nameBytes.length, true);
    v.setUint16(28, 0, true);
    out.set(nameBytes, 30);
    out.set(data, 30 + nameBytes.length);
    this.entries.push(entry);
    this.offset += out.length;
    return out;
  }

  /** The central directory and end records; nothing may be added after. */
  end(): Uint8Array {
    if (this.ended) throw new Error('The zip is already ended');
    this.ended = true;
    const cdSize = this.entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
    const cdOffset = this.offset;
    const zip64 = this.entries.length > MAX16 - 1 || cdOffset >= MAX32 || cdSize >= MAX32;
    const out = new Uint8Array(cdSize + (zip64 ? 56 + 20 : 0) + 22);
    const v = new DataView(out.buffer);
    let p = 0;
    for (const e of this.entries) {
      v.setUint32(p, 0x02014b50, true);
      v.setUint16(p + 4, 20, true); // made by: 2.0, MS-DOS attributes
      v.setUint16(p + 6, 20, true);
      v.setUint16(p + 8, UTF8_FLAG, true);
      v.setUint16(p + 10, 0, true);
      v.setUint16(p + 12, DOS_TIME, true);
      v.setUint16(p + 14, DOS_DATE, true);
      v.setUint32(p + 16, e.crc, true);
      v.setUint32(p + 20, e.size, true);
      v.setUint32(p + 24, e.size, true);
      v.setUint16(p + 28, e.name.length, true);
      // extra, comment, disk, internal and external attributes: 0
      v.setUint32(p + 42, e.offset, true);
      out.set(e.name, p + 46);
      p += 46 + e.name.length;
    }
    if (zip64) {
      const recordOffset = cdOffset + cdSize;
      v.setUint32(p, 0x06064b50, true);
      v.setBigUint64(p + 4, 44n, true);
      v.setUint16(p + 12, 45, true);
      v.setUint16(p + 14, 45, true);
      v.setBigUint64(p + 24, BigInt(this.entries.length), true);
      v.setBigUint64(p + 32, BigInt(this.entries.length), true);
      v.setBigUint64(p + 40, BigInt(cdSize), true);
      v.setBigUint64(p + 48, BigInt(cdOffset), true);
      p += 56;
      v.setUint32(p, 0x07064b50, true);
      v.setBigUint64(p + 8, BigInt(recordOffset), true);
      v.setUint32(p + 16, 1, true);
      p += 20;
    }
    v.setUint32(p, 0x06054b50, true);
    v.setUint16(p + 8, zip64 ? MAX16 : this.entries.length, true);
    v.setUint16(p + 10, zip64 ? MAX16 : this.entries.length, true);
    v.setUint32(p + 12, zip64 ? MAX32 : cdSize, true);
    v.setUint32(p + 16, zip64 ? MAX32 : cdOffset, true);
    this.offset += out.length;
    return out;
  }
}
