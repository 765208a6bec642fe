import { z } from 'zod';
import { httpUrl } from './parse/canonical-url.ts';
import { toLanguageTag } from './parse/language-tag.ts';
import { PARSE_LIMITS } from './parse/limits.ts';

/**
 * What an admin may change about an article: its metadata, never its text (every annotation's
 * offsets index into the text). Every field is optional; null or "" clears an optional one.
 */

// Control characters (C0/C1), bidi overrides and isolates: never legitimate in a one-line field.
const ODD_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const oneLine = (label: string, max: number) =>
  z
    .string(`${label} is text.`)
    .transform((s) =>
      s
        .normalize('NFC')
        .replace(/[ \t\r\n]+/g, ' ')
        .trim(),
    )
    .pipe(
      z
        .string()
        .max(max, `${label} has at most ${max} characters.`)
        .refine((s) => !ODD_CHARS.test(s) && !/\p{Cs}/u.test(s), `${label} contains characters that are not allowed.`),
    );
// nullable(), not a union with null: a union would reduce the field's own message to "Invalid input".
const clearable = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' || (typeof v === 'string' && v.trim() === '') ? null : v), schema.nullable());

/** The same rule as at import: http(s) only, stored percent-encoded, so its bytes fit the index. */
const webAddress = (s: string) => {
  const href = s.length > PARSE_LIMITS.maxUrlLength * 12 ? null : httpUrl(s);
  return href && new URL(href).hostname ? href : null;
};
export const httpUrlSchema = z
  .string('The URL is text.')
  .trim()
  .refine((s) => webAddress(s) !== null, 'Enter a web address starting with http:// or https://.')
  .refine((s) => (webAddress(s)?.length ?? 0) <= PARSE_LIMITS.maxUrlLength, `A URL has at most ${PARSE_LIMITS.maxUrlLength.toLocaleString('en')} characters.`)
  .transform((s) => webAddress(s)!);

const dateSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], 'Enter a date like 2024-05-31 or a date and time like 2024-05-31T08:00:00Z.')
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1800 && d.getUTCFullYear() <= 2200, 'Enter a date between the years 1800 and 2200.');

export const articleMetadataSchema = z
  .object({
    title: oneLine('The title', PARSE_LIMITS.maxTitleLength).pipe(z.string().min(1, 'Enter a title.')).optional(),
    source: clearable(oneLine('The source', PARSE_LIMITS.maxSourceLength)).optional(),
    author: clearable(oneLine('The author', PARSE_LIMITS.maxAuthorLength)).optional(),
    url: clearable(httpUrlSchema).optional(),
    publishedAt: clearable(dateSchema).optional(),
    language: clearable(
      z
        .string('The language is text.')
        .trim()
        .max(PARSE_LIMITS.maxLanguageLength, `A language tag has at most ${PARSE_LIMITS.maxLanguageLength} characters.`)
        .refine((s) => toLanguageTag(s) !== null, 'Enter a language tag such as en, de or zh-Hant.')
        .transform((s) => toLanguageTag(s)!),
    ).optional(),
    text: z.never('The text of an article cannot be edited: its annotations point into it.').optional(),
  })
  .strict()
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'Change at least one field.');
export type ArticleMetadataInput = z.output<typeof articleMetadataSchema>;

export const articleArchiveSchema = z.object({ archived: z.boolean('Send archived: true or false.') }).strict();
