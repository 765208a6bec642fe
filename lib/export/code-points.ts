import { toCodePointOffset } from '@/lib/annotations/offsets.ts';

/**
 * Converts many UTF-16 offsets of one text to code point offsets (what W3C's
 * TextPositionSelector and brat count) in linear time overall: offsets are converted in
 * relative to the previous one (forwards or backwards), with offsets.ts's rule applied to the
 * stretch in between, so a long article with many annotations in start order is not rescanned
 * from the start for every offset. Offsets never split a surrogate pair (the server checks), so
 * counting stretch by stretch is exact.
 */
export function codePointConverter(text: string): (utf16Offset: number) => number {
  let lastUnits = 0;
  let lastPoints = 0;
  return (offset) => {
    if (offset >= lastUnits) lastPoints += toCodePointOffset(text.slice(lastUnits, offset), offset - lastUnits);
    else lastPoints -= toCodePointOffset(text.slice(offset, lastUnits), lastUnits - offset);
    lastUnits = offset;
    return lastPoints;
  };
}
