import { Marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import { fail, ok, type Result } from '@/lib/result.ts';
import { toArticleText } from './article-text.ts';
import { articleMetadataSchema, issuesMessage, readMetadata } from './article-fields.ts';
import { parseHtmlDocument } from './html.ts';
import { formatCount, PARSE_LIMITS } from './limits.ts';
import { splitHeadline } from './title.ts';
import type { ArticleDraft } from './model.ts';

// Markdown becomes HTML with marked (CommonMark + GFM tables), then text with the one HTML reader:
// entities, inline HTML (a <script> in a README), lists, quotes and code blocks are handled once.
const markdown = new Marked({ gfm: true, async: false });

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// "- - - - -" is a rule, not lists nested in lists, however long.
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0d;
const isEmphasisMark = (code: number) => code === 0x5f || code === 0x2a;

/**
 * Refuse Markdown that would make marked overflow the stack or take minutes (see PARSE_LIMITS):
 * nesting estimated from each line's prefix of quotes, list markers and indentation, and the
 * inline cost of space-free runs full of emphasis marks. Fenced code is skipped: marked never
 * parses inside it. One linear pass; null when the Markdown is fine.
 */
function markdownTooCostly(source: string): string | null {
  let fence: string | null = null;
  let inlineCost = 0;
  for (const line of source.split('\n')) {
    const fenceMarker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMarker?.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMarker) {
      fence = fenceMarker;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) continue;
    let nesting = 0;
    let columns = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === ' ') columns++;
      else if (c === '\t') columns += 4;
      else if (c === '>') nesting++;
      else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t')) nesting++;
      else break;
    }
    if (nesting + Math.floor(columns / 2) > PARSE_LIMITS.maxMarkdownNesting) {
      return `The Markdown nests quotes or lists more than ${PARSE_LIMITS.maxMarkdownNesting} levels deep, which no article does; it was not read.`;
    }
    let run = 0;
    let marks = 0;
    for (let i = 0; i <= line.length; i++) {
      const code = i < line.length ? line.charCodeAt(i) : 0x20;
      if (isSpace(code)) {
        inlineCost += run * marks;
        run = marks = 0;
      } else {
        run++;
        if (isEmphasisMark(code)) marks++;
      }
    }
  }
  return inlineCost > PARSE_LIMITS.maxMarkdownInlineCost
    ? 'The Markdown has long stretches without spaces full of _ or * (an embedded blob?) that would take too long to read; remove them or import the file as .txt.'
    : null;
}

const MARKDOWN_TOO_LARGE =
  'This Markdown file is too large or too deeply structured for the Markdown reader (it ran out of stack); split it, or import its text as .txt.';

const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/m;

function splitFrontMatter(source: string): { yaml: string | null; body: string } {
  const open = FRONT_MATTER_OPEN.exec(source);
  const rest = open ? source.slice(open[0].length) : '';
  const close = open ? FRONT_MATTER_CLOSE.exec(rest) : null;
  if (!close) return { yaml: null, body: source };
  return { yaml: rest.slice(0, close.index), body: rest.slice(close.index + close[0].length) };
}

/** A front-matter value as the metadata schema expects: scalars as text, a list of names joined. */
function frontMatterValue(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return value;
}

function readFrontMatter(yaml: string): Result<Record<string, unknown>> {
  if (yaml.length > PARSE_LIMITS.maxFrontMatterLength) {
    return fail('validation', `The front matter is longer than ${formatCount(PARSE_LIMITS.maxFrontMatterLength)} characters.`);
  }
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (error) {
    return fail('validation', `The front matter is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (data == null) return ok({});
  if (typeof data !== 'object' || Array.isArray(data)) return fail('validation', 'The front matter must be a list of "key: value" lines.');
  // Keys are matched without regard to case: "Title", "publishedAt" and "publishedat" are one key.
  return ok(Object.fromEntries(Object.entries(data).map(([key, value]) => [key.toLowerCase(), frontMatterValue(value)])));
}

/**
 * A Markdown file: YAML front matter (title, source, author, url, date/published/publishedAt,
 * language/lang) supplies metadata, the body becomes plain text with paragraphs, headings, list
 * items one per line, quotes and code kept. Title: front matter, else the first heading, else the
 * plain-text rule.
 */
export function parseMarkdownArticle(source: string): Result<ArticleDraft> {
  if (source.length > PARSE_LIMITS.maxMarkdownLength) {
    return fail(
      'validation',
      `The Markdown is ${formatCount(source.length)} characters; a Markdown file may hold at most ${formatCount(PARSE_LIMITS.maxMarkdownLength)} (an article's text at most ${formatCount(PARSE_LIMITS.maxTextLength)}).`,
    );
  }
  const { yaml, body } = splitFrontMatter(source);
  const frontMatter: Result<Record<string, unknown>> = yaml === null ? ok({}) : readFrontMatter(yaml);
  if (!frontMatter.ok) return frontMatter;
  const fm = frontMatter.value;
  const pick = (...keys: string[]) => keys.map((key) => fm[key]).find((value) => value != null);
  const parsed = articleMetadataSchema.safeParse({
    title: pick('title'),
    url: pick('url'),
    source: pick('source'),
    author: pick('author'),
    publishedAt: pick('publishedat', 'published_at', 'published', 'date'),
    language: pick('language', 'lang'),
  });
  if (!parsed.success) return fail('validation', `In the front matter: ${issuesMessage(parsed.error)}`);
  const metadata = readMetadata(parsed.data);
  if (!metadata.ok) return fail('validation', metadata.error);

  const tooCostly = markdownTooCostly(body);
  if (tooCostly) return fail('validation', tooCostly);
  let html: string;
  try {
    html = markdown.parse(body, { async: false });
  } catch (error) {
    // marked recurses per token: millions of line breaks or one line of millions of spaces
    // overflow the stack, which is a property of the file's size, not a fault of the server.
    if (error instanceof RangeError) return fail('validation', MARKDOWN_TOO_LARGE);
    return fail('validation', `The Markdown could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const page = parseHtmlDocument(html, { imageAltText: true });
  if (!page.ok) return page;

  const title = metadata.value.title ?? page.value.firstHeading;
  if (title) return ok({ ...metadata.value, title, text: page.value.text });
  const headline = splitHeadline(toArticleText(page.value.text));
  return ok({ ...metadata.value, title: headline?.title ?? null, text: headline?.body ?? page.value.text });
}
