import { truncate } from '@/lib/text/truncate.ts';
import { Parser } from 'htmlparser2';
import { fail, ok, type Result } from '@/lib/result.ts';
import { normalizeArticleText } from '@/lib/articles/normalize.ts';
import { codePointLength, toSingleLine, trimEnd } from './article-text.ts';
import { httpUrl } from './canonical-url.ts';
import { toLanguageTag } from './language-tag.ts';
import { formatCount, PARSE_LIMITS } from './limits.ts';
import { parsePublishedAt } from './published-at.ts';
import { TextSink } from './text-sink.ts';
import type { ArticleDraft } from './model.ts';

/** What an HTML page yields: its article text (not yet normalised) and the metadata it declares. */
export interface HtmlDocument extends ArticleDraft {
  /** The first heading of any level, which Markdown uses as its title. */
  firstHeading: string | null;
}

// Not article text: code, styling, navigation, forms, embedded media, asides.
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'form',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'iframe',
  'frameset',
  'object',
  'embed',
  'canvas',
  'audio',
  'video',
  'aside',
  'dialog',
]);
const DROPPED_ROLES = new Set(['navigation', 'search', 'complementary', 'menu', 'menubar', 'toolbar', 'dialog']);
// The page's own header and footer (site name, menus, copyright), unless inside the article.
const CHROME = new Set(['header', 'footer']);
const CHROME_ROLES = new Set(['banner', 'contentinfo']);
const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'ul',
]);
// Each on a line of its own; blocks inside them break lines, not paragraphs, so a list stays one paragraph.
const LINES = new Set(['li', 'dt', 'dd', 'tr']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

type CaptureKind = 'title' | 'h1' | 'heading' | 'byline';
interface Capture {
  kind: CaptureKind;
  /** Start order, so that of nested or sibling bylines the first in the page wins. */
  order: number;
  parts: string[];
  length: number;
}
// Enough for any title or byline; a capture opened on a big container stops growing here.
const CAPTURE_LIMIT = 4096;

interface Frame {
  name: string;
  applied: boolean;
  junk: boolean;
  silent: boolean;
  line: boolean;
  pre: boolean;
  time: boolean;
  row: { cells: number } | null;
  candidate: TextSink | null;
  captures: Capture[];
}

const tokens = (value: string | undefined) => (value ?? '').toLowerCase().split(/\s+/).filter(Boolean);

function isByline(attribs: Record<string, string>): boolean {
  return [...tokens(attribs.class), ...tokens(attribs.rel), ...tokens(attribs.itemprop)].some((t) => t.includes('byline') || t.includes('author'));
}

function limitedLine(value: string | null | undefined, max: number): string | null {
  const line = toSingleLine(value ?? '');
  return line && codePointLength(line) <= max ? line : null;
}

function bylineAuthor(text: string): string | null {
  const name = trimEnd(toSingleLine(text).replace(/^by[:\s]\s*/i, ''), /[\s·•|,–—-]/u);
  return /\p{L}/u.test(name) ? limitedLine(name, PARSE_LIMITS.maxAuthorLength) : null;
}

const SITE_NAME_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' » '];

/** "Storm closes harbour | The Daily Example" -> "Storm closes harbour" when the site name is known. */
function withoutSiteName(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const separator = SITE_NAME_SEPARATORS.find((s) => title.endsWith(s + siteName) && title.length > s.length + siteName.length);
  return separator ? title.slice(0, -(separator.length + siteName.length)) : title;
}

/**
 * Read a page with htmlparser2's streaming parser: no tree is built and nothing recurses, so the
 * nesting limit is a clear refusal, not a guard against a stack overflow. Refuses only pages nested
 * deeper than PARSE_LIMITS.maxHtmlDepth; everything else yields text, perhaps empty.
 */
export function parseHtmlDocument(html: string, options: { imageAltText?: boolean } = {}): Result<HtmlDocument> {
  const frames: Frame[] = [];
  const documentSink = new TextSink();
  const candidateSinks: TextSink[] = [];
  const candidates: string[] = [];
  const rows: { cells: number }[] = [];
  let captures: Capture[] = [];
  // One counter per kind of enclosing element: separate states that merely look alike.
  let junkDepth = 0;
  let silentDepth = 0;
  let lineDepth = 0;
  let preDepth = 0;
  let timeDepth = 0;
  let regionDepth = 0;
  let tooDeep = false;

  const meta = new Map<string, string>();
  let htmlLang: string | null = null;
  let canonicalHref: string | null = null;
  let baseHref: string | null = null;
  let titleSeen = false;
  let titleTag: string | null = null;
  let firstH1: string | null = null;
  let firstHeading: string | null = null;
  let byline: string | null = null;
  let captureCount = 0;
  // A byline found inside another byline-like element that is still open: the outer one, if it
  // turns out to be a name ("By Ada Quill and Kenji Mori"), wins; if it is a whole bio, this does.
  let pendingByline: { order: number; name: string } | null = null;
  let firstTime: Date | null = null;

  const emit = (write: (sink: TextSink) => void) => {
    if (silentDepth > 0) return;
    write(documentSink);
    const candidate = candidateSinks.at(-1);
    if (candidate) write(candidate);
  };
  const blockBoundary = () => emit((sink) => (lineDepth > 0 ? sink.softLineBreak() : sink.paragraphBreak()));
  const capture = (frame: Frame, kind: CaptureKind) => {
    const started: Capture = { kind, order: captureCount++, parts: [], length: 0 };
    frame.captures.push(started);
    captures.push(started);
  };
  const append = (c: Capture, text: string) => {
    if (c.length >= CAPTURE_LIMIT) return;
    const kept = text.slice(0, CAPTURE_LIMIT - c.length);
    c.parts.push(kept);
    c.length += kept.length;
  };
  const capturing = (kind: CaptureKind) => captures.some((c) => c.kind === kind);

  function finishCapture({ kind, order, parts }: Capture, stillOpen: Capture[]) {
    const text = parts.join('');
    if (kind === 'title') titleTag = toSingleLine(text) || null;
    else if (kind === 'h1') firstH1 = toSingleLine(text) || null;
    else if (kind === 'heading') firstHeading = toSingleLine(text) || null;
    else {
      const name = bylineAuthor(text);
      if (name && (!pendingByline || order < pendingByline.order)) pendingByline = { order, name };
      if (!stillOpen.some((c) => c.kind === 'byline')) {
        byline = pendingByline?.name ?? null;
        pendingByline = null;
      }
    }
  }

  function readMeta(attribs: Record<string, string>) {
    const content = attribs.content;
    if (!content?.trim()) return;
    for (const key of [attribs.property, attribs.name, attribs.itemprop]) {
      const name = key?.trim().toLowerCase();
      if (name && !meta.has(name)) meta.set(name, content);
    }
  }

  function open(frame: Frame, name: string, attribs: Record<string, string>) {
    const roles = tokens(attribs.role);
    frame.junk = junkDepth > 0 || DROPPED.has(name) || 'hidden' in attribs || attribs['aria-hidden'] === 'true' || roles.some((r) => DROPPED_ROLES.has(r));
    if (frame.junk) {
      junkDepth++;
      return;
    }
    if (name === 'html') htmlLang ??= attribs.lang ?? null;
    else if (name === 'meta') readMeta(attribs);
    else if (name === 'link' && tokens(attribs.rel).includes('canonical')) canonicalHref ??= attribs.href ?? null;
    else if (name === 'base') baseHref ??= attribs.href ?? null;

    frame.silent = name === 'head' || name === 'title' || (regionDepth === 0 && (CHROME.has(name) || roles.some((r) => CHROME_ROLES.has(r))));
    if (frame.silent) silentDepth++;
    if (name === 'title' && !titleSeen) {
      titleSeen = true;
      capture(frame, 'title');
    }
    if (name === 'h1' && firstH1 === null && !capturing('h1')) capture(frame, 'h1');
    if (HEADINGS.has(name) && firstHeading === null && !capturing('heading')) capture(frame, 'heading');
    // A byline may sit in a page-level header with the headline; a date there is the site's "today".
    if (byline === null && isByline(attribs)) capture(frame, 'byline');
    if (name === 'time' && firstTime === null && attribs.datetime && silentDepth === 0) firstTime = parsePublishedAt(attribs.datetime);
    if (name === 'time') {
      frame.time = true;
      timeDepth++;
    }

    // A page's photos are not its text; in Markdown an image stands in a sentence, so its alt text does.
    if (name === 'img' && options.imageAltText && attribs.alt) {
      const alt = attribs.alt;
      emit((sink) => sink.text(alt));
    }
    if (name === 'br') {
      emit((sink) => sink.lineBreak());
      for (const c of captures) append(c, ' ');
    }
    if (BLOCKS.has(name)) blockBoundary();
    if (LINES.has(name)) {
      emit((sink) => sink.softLineBreak());
      frame.line = true;
      lineDepth++;
    }
    if (name === 'tr') {
      frame.row = { cells: 0 };
      rows.push(frame.row);
    }
    if (name === 'td' || name === 'th') {
      const row = rows.at(-1);
      if (row && row.cells++ > 0) emit((sink) => sink.cellSeparator());
    }
    if (name === 'pre') {
      frame.pre = true;
      preDepth++;
    }
    if ((name === 'article' || name === 'main' || roles.includes('main')) && silentDepth === 0) {
      frame.candidate = new TextSink();
      candidateSinks.push(frame.candidate);
      regionDepth++;
    }
  }

  function close(frame: Frame) {
    if (frame.junk) {
      junkDepth--;
      return;
    }
    if (frame.candidate) {
      candidateSinks.pop();
      candidates.push(frame.candidate.toString());
      regionDepth--;
    }
    if (BLOCKS.has(frame.name)) blockBoundary();
    if (frame.line) {
      emit((sink) => sink.softLineBreak());
      lineDepth--;
    }
    if (frame.row) rows.pop();
    if (frame.pre) preDepth--;
    if (frame.time) timeDepth--;
    if (frame.silent) silentDepth--;
    if (frame.captures.length) {
      captures = captures.filter((c) => !frame.captures.includes(c));
      for (const c of frame.captures) finishCapture(c, captures);
    }
  }

  const parser: Parser = new Parser(
    {
      onopentagname(name) {
        if (tooDeep) return;
        frames.push({ name, applied: false, junk: false, silent: false, line: false, pre: false, time: false, row: null, candidate: null, captures: [] });
        if (frames.length > PARSE_LIMITS.maxHtmlDepth) {
          tooDeep = true;
          parser.pause();
        }
      },
      // Attributes arrive after the name; a tag cut off by the end of the file never gets here.
      onopentag(name, attribs) {
        const frame = frames.at(-1);
        if (tooDeep || !frame || frame.applied) return;
        frame.applied = true;
        open(frame, name, attribs);
      },
      onclosetag() {
        if (tooDeep) return;
        const frame = frames.pop();
        if (frame?.applied) close(frame);
      },
      ontext(text) {
        if (tooDeep || junkDepth > 0) return;
        // A date inside the byline is not part of the name.
        for (const c of captures) if (c.kind !== 'byline' || timeDepth === 0) append(c, text);
        emit((sink) => (preDepth > 0 ? sink.preformatted(text) : sink.text(text)));
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  if (tooDeep) {
    return fail(
      'validation',
      `The HTML nests elements more than ${formatCount(PARSE_LIMITS.maxHtmlDepth)} levels deep, which no real page does; it was not read.`,
    );
  }
  parser.end();

  const siteName = limitedLine(meta.get('og:site_name'), PARSE_LIMITS.maxSourceLength);
  const publishedTime = meta.get('article:published_time');
  const ogLocale = meta.get('og:locale');
  const title = [meta.get('og:title'), withoutSiteName(titleTag, siteName), firstH1].map((t) => toSingleLine(t ?? '')).find(Boolean);
  const bases = [baseHref, meta.get('og:url')].map((u) => (u ? httpUrl(u) : null)).filter((u) => u !== null);
  const resolve = (href: string | null | undefined) => (href ? resolveHttpUrl(href, bases) : null);

  return ok({
    text: chooseText(documentSink.toString(), candidates),
    title: title ? truncate(title, PARSE_LIMITS.maxTitleLength, { atWord: true }) : null,
    firstHeading,
    author: limitedLine(meta.get('author'), PARSE_LIMITS.maxAuthorLength) ?? byline,
    publishedAt: (publishedTime ? parsePublishedAt(publishedTime) : null) ?? firstTime,
    url: resolve(canonicalHref) ?? resolve(meta.get('og:url')),
    source: siteName,
    language: (htmlLang ? toLanguageTag(htmlLang) : null) ?? (ogLocale ? toLanguageTag(ogLocale) : null),
  });
}

/** An absolute http(s) address from an href, resolved against <base href> or og:url when relative. */
function resolveHttpUrl(href: string, bases: string[]): string | null {
  let url = httpUrl(href);
  for (const base of bases) {
    if (url) break;
    try {
      url = httpUrl(new URL(href.trim(), base).href);
    } catch {
      // Not resolvable against this base.
    }
  }
  return url && url.length <= PARSE_LIMITS.maxUrlLength ? url : null;
}

/**
 * Prefer the longest <article> or <main> (each holding its own text, not that of articles nested in
 * it: those are comments or teasers), unless it holds under a fifth of the page's text, as when a
 * site wraps only the headline in <article>.
 */
function chooseText(documentText: string, candidates: string[]): string {
  let best = '';
  let bestLength = 0;
  for (const candidate of candidates) {
    const length = normalizeArticleText(candidate).length;
    if (length > bestLength) [best, bestLength] = [candidate, length];
  }
  return bestLength > 0 && bestLength * 5 >= normalizeArticleText(documentText).length ? best : documentText;
}
