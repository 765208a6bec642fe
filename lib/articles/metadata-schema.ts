import { z } from 'zod';

/**
 * What an admin may change about an article: its metadata, never its text (every annotation's
 * offsets index into the text). Every field is optional; null or "" clears an optional one.
 */

// Control characters (C0/C1), bidi overrides and isolates: never legitimate in a one-line field.
const ODD_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const oneLine = (label: string, max: number) =>
  z
    .string(`${label} is text.`)
    .transform((s) => s.normalize('NFC').replace(/[ \t\r\n]+/g, ' ').trim())
    .pipe(
      z
        .string()
        .max(max, `${label} has at most ${max} characters.`)
        .refine((s) => !ODD_CHARS.test(s) && !/\p{Cs}/u.test(s), `${label} contains characters that are not allowed.`),
    );
const clearable = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' || (typeof v === 'string' && v.trim() === '') ? null : v), z.union([z.null(), schema]));

export const httpUrlSchema = z
  .string('The URL is text.')
  .trim()
  .max(2_000, 'A URL has at most 2,000 characters.')
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Enter a web address starting with http:// or https://.');

const dateSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], 'Enter a date like 2024-05-31 or a date and time like 2024-05-31T08:00:00Z.')
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1800 && d.getUTCFullYear() <= 2200, 'Enter a date between the years 1800 and 2200.');

export const articleMetadataSchema = z
  .object({
    title: oneLine('The title', 500).pipe(z.string().min(1, 'Enter a title.')).optional(),
    source: clearable(oneLine('The source', 300)).optional(),
    author: clearable(oneLine('The author', 300)).optional(),
    url: clearable(httpUrlSchema).optional(),
    publishedAt: clearable(dateSchema).optional(),
    language: clearable(
      z
        .string('The language is text.')
        .trim()
        .max(35, 'A language tag has at most 35 characters.')
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Enter a language tag such as en, de or zh-Hant.'),
    ).optional(),
    text: z.never('The text of an article cannot be edited: its annotations point into it.').optional(),
  })
  .strict()
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'Change at least one field.');
export type ArticleMetadataInput = z.output<typeof articleMetadataSchema>;

export const articleArchiveSchema = z.object({ archived: z.boolean('Send archived: true or false.') }).strict();
