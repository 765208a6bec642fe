import { truncate } from '@/lib/text/truncate.ts';
import { codePointLength, toSingleLine } from './article-text.ts';
import { PARSE_LIMITS } from './limits.ts';

const upTo = (s: string, separator: string) => {
  const end = s.indexOf(separator);
  return end === -1 ? s : s.slice(0, end);
};

const CLOSING_MARKS = /["'”’»)\]」』】）]+$/u;
// A line ending like this is a sentence or a lead-in ("He said:"), not a headline; a dash or
// hyphen at the end is a line broken mid-phrase. "?" and "!" end real headlines.
const SENTENCE_OR_BROKEN_END = /[.,;:…。．，、：；\-–—]$/u;

/**
 * Whether a first line reads like a headline: short, with letters, not ending as a sentence does,
 * and not the first line of a hard-wrapped paragraph (whose next line goes on in lower case).
 */
export function readsLikeHeadline(line: string, nextLine?: string): boolean {
  const trimmed = line.trim();
  if (!trimmed || codePointLength(trimmed) > PARSE_LIMITS.maxHeadlineLength || !/\p{L}/u.test(trimmed)) return false;
  const core = trimmed.replace(CLOSING_MARKS, '');
  if (!core || SENTENCE_OR_BROKEN_END.test(core)) return false;
  return nextLine === undefined || !/^\p{Ll}/u.test(nextLine.trim());
}

/**
 * Plain text's own title: its first line when that reads like a headline and text follows it.
 * Returns the title and the rest as body, or null when the text has no headline line.
 */
export function splitHeadline(text: string): { title: string; body: string } | null {
  const end = text.indexOf('\n');
  if (end <= 0) return null;
  const body = text.slice(end + 1);
  const nextLine = body.startsWith('\n') ? undefined : upTo(body, '\n');
  if (!body.trim() || !readsLikeHeadline(text.slice(0, end), nextLine)) return null;
  return { title: toSingleLine(text.slice(0, end)), body };
}

// Abbreviations after which a period does not end the sentence, though ICU's sentence
// segmenter breaks there ("Dr. Smith" would give the title "Dr").
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st mt gen col lt sgt capt cmdr adm gov sen rep pres jr sr rev hon fr no vs inc co corp ltd dept univ approx est jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);
const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' });

function endsWithAbbreviation(sentence: string): boolean {
  const word = /(?:^|[\s(“"'])([\p{L}.]+)\.\s*$/u.exec(sentence)?.[1];
  if (!word) return false;
  // Single letters and dotted initialisms ("J.", "U.S.") are abbreviations too.
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}(?:\.\p{Lu})*$/u.test(word);
}

function firstSentence(paragraph: string): string {
  let sentence = '';
  for (const { segment } of sentences.segment(paragraph)) {
    sentence += segment;
    if (!endsWithAbbreviation(sentence) || sentence.length > 1000) break;
  }
  return sentence;
}

/**
 * A title for text that brings none: its first line when that reads like a headline, otherwise
 * its first sentence, without a final full stop, cut on a word boundary when long.
 */
export function deriveTitle(text: string): string {
  const paragraph = upTo(text, '\n\n').slice(0, 4000);
  const [first = '', second] = paragraph.split('\n', 2);
  if (readsLikeHeadline(first, second)) return toSingleLine(first);
  const sentence = toSingleLine(firstSentence(paragraph.replaceAll('\n', ' ')));
  const title = /[^.]\.$|。$/u.test(sentence) ? sentence.slice(0, -1) : sentence;
  return truncate(title || sentence || 'Untitled', PARSE_LIMITS.maxDerivedTitleLength, { atWord: true });
}
