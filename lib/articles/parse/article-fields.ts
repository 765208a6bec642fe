import { truncate } from '@/lib/text/truncate.ts';
import { z } from 'zod';
import { codePointLength, toArticleText, toSingleLine } from './article-text.ts';
import { canonicalizeUrl, httpUrl } from './canonical-url.ts';
import { toLanguageTag } from './language-tag.ts';
import { formatCount, PARSE_LIMITS } from './limits.ts';
import { parsePublishedAt } from './published-at.ts';
import { certainlyTooLong } from './text-length-bound.ts';
import { deriveTitle } from './title.ts';
import { failedItem, type ArticleDraft, type ParsedItem } from './model.ts';

const shown = (value: string) => JSON.stringify(truncate(value, 41, { unit: 'utf16' }));

/** An optional text field; null, absent and blank all mean "not given". */
const optionalString = (label: string) =>
  z
    .string({ error: `The ${label} must be text.` })
    .nullish()
    .transform((value, ctx) => {
      if (value == null) return null;
      if (value.includes('\0')) {
        ctx.addIssue({ code: 'custom', message: `The ${label} contains NUL characters.` });
        return z.NEVER;
      }
      return value.trim() === '' ? null : value;
    });

export const singleLine = (label: string, max: number) =>
  optionalString(label).transform((value, ctx) => {
    if (value === null) return null;
    const line = toSingleLine(value);
    if (codePointLength(line) > max) {
      ctx.addIssue({ code: 'custom', message: `The ${label} is longer than ${formatCount(max)} characters.` });
      return z.NEVER;
    }
    return line || null;
  });

/** An http(s) URL, stored in its percent-encoded form, which bounds its bytes (see PARSE_LIMITS). */
export const urlField = optionalString('URL').transform((value, ctx) => {
  if (value === null) return null;
  const trimmed = value.trim();
  // Only web addresses: the URL is shown as a link, and javascript: or data: links are not articles.
  const href = trimmed.length > PARSE_LIMITS.maxUrlLength * 12 ? null : httpUrl(trimmed);
  if (href && href.length > PARSE_LIMITS.maxUrlLength) {
    ctx.addIssue({ code: 'custom', message: `The URL is longer than ${formatCount(PARSE_LIMITS.maxUrlLength)} characters.` });
    return z.NEVER;
  }
  if (!href) {
    ctx.addIssue({ code: 'custom', message: `The URL ${shown(trimmed)} is not a full http:// or https:// address.` });
    return z.NEVER;
  }
  return href;
});

const publishedAtField = optionalString('publication date').transform((value, ctx) => {
  if (value === null) return null;
  const date = parsePublishedAt(value);
  if (!date) {
    ctx.addIssue({
      code: 'custom',
      message: `The publication date ${shown(value.trim())} is not an ISO 8601 date such as 2024-05-31 or 2024-05-31T14:30:00Z.`,
    });
    return z.NEVER;
  }
  return date;
});

export const languageField = optionalString('language').transform((value, ctx) => {
  if (value === null) return null;
  if (value.trim().length > PARSE_LIMITS.maxLanguageLength) {
    ctx.addIssue({ code: 'custom', message: `The language is longer than ${PARSE_LIMITS.maxLanguageLength} characters; give a tag such as en or de-CH.` });
    return z.NEVER;
  }
  const tag = toLanguageTag(value);
  if (!tag) {
    ctx.addIssue({ code: 'custom', message: `The language ${shown(value.trim())} is not a language tag such as en, de-CH or zh-Hant.` });
    return z.NEVER;
  }
  return tag;
});

/** Metadata given explicitly (JSON, CSV, front matter, the API): refused when wrong, never guessed. */
export const articleMetadataSchema = z.object({
  title: singleLine('title', PARSE_LIMITS.maxTitleLength),
  url: urlField,
  source: singleLine('source', PARSE_LIMITS.maxSourceLength),
  author: singleLine('author', PARSE_LIMITS.maxAuthorLength),
  publishedAt: publishedAtField,
  // The CSV header spelling, accepted in JSON too so one export feeds the other.
  published_at: publishedAtField,
  language: languageField,
});

export const importItemSchema = articleMetadataSchema.extend({
  text: z.string({ error: 'The text must be a string.' }).nullish(),
  html: z.string({ error: 'The html must be a string.' }).nullish(),
});

export type ArticleMetadata = Omit<ArticleDraft, 'text'>;

/** One message for a person out of zod's issues, each of which already names its field. */
export function issuesMessage(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].join(' ');
}

/** Validated metadata in the draft's shape, or the message saying what is wrong. */
export function readMetadata(data: z.output<typeof articleMetadataSchema>): { ok: true; value: ArticleMetadata } | { ok: false; error: string } {
  const { publishedAt, published_at: publishedAtAlias, ...rest } = data;
  if (publishedAt && publishedAtAlias && publishedAt.getTime() !== publishedAtAlias.getTime()) {
    return { ok: false, error: 'The item gives two different publication dates (publishedAt and published_at).' };
  }
  return { ok: true, value: { ...rest, publishedAt: publishedAt ?? publishedAtAlias } };
}

export const TEXT_TOO_LONG = `The article's text is longer than ${formatCount(PARSE_LIMITS.maxTextLength)} characters.`;

/**
 * The last step of every parser: refuse NUL and empty text, normalise the text (the only form
 * ever stored), derive a title when none was given, and key the URL for deduplication.
 */
export function finishArticle(draft: ArticleDraft, name: string): ParsedItem {
  if (draft.text.includes('\0')) return failedItem(name, 'The text contains NUL characters.');
  if (certainlyTooLong(draft.text)) return failedItem(name, TEXT_TOO_LONG);
  const text = toArticleText(draft.text);
  if (!text) return failedItem(name, 'The article has no text.');
  if (text.length > PARSE_LIMITS.maxTextLength) return failedItem(name, TEXT_TOO_LONG);
  return {
    ok: true,
    name,
    article: {
      // A heading or og:title can be any length; the limit holds for every title stored.
      title: truncate(draft.title || deriveTitle(text), PARSE_LIMITS.maxTitleLength, { atWord: true }),
      text,
      url: draft.url,
      canonicalUrl: draft.url ? canonicalizeUrl(draft.url) : null,
      source: draft.source,
      author: draft.author,
      publishedAt: draft.publishedAt,
      language: draft.language,
    },
  };
}
