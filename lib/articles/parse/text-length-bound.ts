import { PARSE_LIMITS } from './limits.ts';

/**
 * Whether `c` surely stays one code unit of the stored text, whatever surrounds it: printable
 * ASCII but the space, Latin-1 letters and signs (U+00A1 to U+00FF), CJK ideographs and Hangul
 * syllables. Normalisation (toArticleText) removes white space, controls and the BOM; NFC only
 * merges a character into the one before it when it is the second part of a canonical
 * decomposition, and none of these ever is (text-length-bound.test.ts checks every code point).
 * So the stored text holds at least as many code units as the raw text holds of these.
 */
const surelyKept = (c: number) => (c > 0x20 && c < 0x7f) || (c >= 0xa1 && c <= 0xff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3);

/** A lower bound of toArticleText(raw).length, in one pass without allocating. */
export function keptLengthAtLeast(raw: string): number {
  let kept = 0;
  for (let i = 0; i < raw.length; i++) if (surelyKept(raw.charCodeAt(i))) kept++;
  return kept;
}

/**
 * Whether the text normalised from `raw` is sure to exceed maxTextLength even if `removable`
 * more of its kept characters went elsewhere (a plain-text file's headline becomes its title).
 * Lets the size alone refuse an 8 MB text before a second of normalising it; when unsure (markup
 * or white space could shrink it under the limit) it says no and the text is read as ever.
 */
export function certainlyTooLong(raw: string, removable = 0): boolean {
  if (raw.length - removable <= PARSE_LIMITS.maxTextLength) return false;
  return keptLengthAtLeast(raw) - removable > PARSE_LIMITS.maxTextLength;
}
