import { Buffer } from 'node:buffer';

// Uint16Array stores code units in the machine's byte order; Buffer reads UTF-16 as little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A string built one UTF-16 code unit at a time, in time linear in its length. Text passes that
 * rewrite characters here and there (line endings, control characters) would otherwise be global
 * regular-expression replacements, which cost some hundred nanoseconds per match: seconds for a
 * file of ten million line breaks. Its capacity is fixed, so callers know the longest output.
 */
export class CodeUnitWriter {
  private readonly units: Uint16Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
  }

  push(unit: number): void {
    this.units[this.length++] = unit;
  }

  /** The last code unit written (NaN when there is none). */
  last(): number {
    return this.length > 0 ? this.units[this.length - 1]! : NaN;
  }

  /** Copies code units unchanged, unpaired surrogates and byte-order marks included. */
  toString(): string {
    const bytes = Buffer.from(this.units.buffer, this.units.byteOffset, this.length * 2);
    return (LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap16()).toString('utf16le');
  }
}
