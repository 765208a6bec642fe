import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArticleText } from '@/lib/articles/normalize.ts';
import { parseHtmlDocument, type HtmlDocument } from './html.ts';
import { PARSE_LIMITS } from './limits.ts';

const page = (html: string): HtmlDocument => {
  const result = parseHtmlDocument(html);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const textOf = (html: string) => normalizeArticleText(page(html).text);

describe('parseHtmlDocument on a tricky page', () => {
  const tricky = page(readFileSync(new URL('./fixtures/tricky.html', import.meta.url), 'utf8'));

  it('keeps the story, with its paragraph structure, and nothing else', () => {
    expect(normalizeArticleText(tricky.text)).toBe(
      [
        'Harbour Council Approves Sea Wall',
        'By Ada Quill and Kenji Mori · 31 May 2024',
        'The harbour council voted 7–2 on Tuesday to build a “living” sea wall of oyster reefs & salt marsh.',
        'Construction starts in June.\nResidents can comment until 14\u00a0June.',
        'We waited a decade for this, said one fisher.',
        'What changes',
        'A reef along the north pier\nSalt marsh at Gull Point\nPhase two: 2026',
        'Visitors from 東京 and 서울 have asked about tours 🌊🦪.',
      ].join('\n\n'),
    );
    expect(tricky.text).not.toContain('DROP');
  });

  it('reads the metadata the page declares', () => {
    expect(tricky).toMatchObject({
      title: 'Harbour council approves “living” sea wall',
      firstHeading: 'Harbour Council Approves Sea Wall',
      author: 'Ada Quill and Kenji Mori',
      url: 'https://news.example.org/2024/05/sea-wall?utm_source=feed&id=42&UTM_Medium=rss#comments',
      source: 'The Example Courier',
      language: 'en-GB',
    });
    // The first time[datetime] in the content, not the date in the site's own header.
    expect(tricky.publishedAt?.toISOString()).toBe('2024-05-31T07:30:00.000Z');
  });
});

describe('parseHtmlDocument', () => {
  it('falls back from og:title to <title> without the site name, then to the first h1', () => {
    const head = '<meta property="og:site_name" content="Courier">';
    expect(page(`${head}<title>Storm closes harbour | Courier</title><h1>Other</h1>`).title).toBe('Storm closes harbour');
    expect(page(`<title>Storm closes harbour | Courier</title>`).title).toBe('Storm closes harbour | Courier');
    expect(page(`${head}<title> </title><h2>Sub</h2><h1>Storm <em>closes</em><br>harbour</h1>`)).toMatchObject({
      title: 'Storm closes harbour',
      firstHeading: 'Sub',
    });
    expect(page('<p>No title anywhere.</p>').title).toBeNull();
  });

  it('prefers meta author and article:published_time to the byline and time elements', () => {
    const html = `<meta name="author" content="Ada Quill"><meta property="article:published_time" content="2024-05-30T08:00:00Z">
      <article><p class="byline">By Someone Else</p><time datetime="2024-01-01">1 Jan</time><p>Text.</p></article>`;
    expect(page(html)).toMatchObject({ author: 'Ada Quill', publishedAt: new Date('2024-05-30T08:00:00Z') });
  });

  it('skips bylines that are empty or too long to be names, and dates that are not dates', () => {
    const html = `<p><img class="author-photo" src="a.jpg"></p><p class="author-bio">${'Long biography. '.repeat(30)}</p>
      <span itemprop="author">Kenji Mori</span><time datetime="soon">Soon</time><time datetime="2024-06-01">1 June</time>`;
    expect(page(html)).toMatchObject({ author: 'Kenji Mori', publishedAt: new Date('2024-06-01T00:00:00Z') });
  });

  it('finds the byline inside a container whose class also says author', () => {
    const html = `<body class="single author-archive"><p>${'Intro. '.repeat(50)}</p><div class="post-author"><span class="author-name">Ada Quill</span></div><p>Body.</p></body>`;
    expect(page(html).author).toBe('Ada Quill');
    const siblings = `<p><span class="author">Ada Quill</span> with <span class="author">Kenji Mori</span></p><footer class="comment-author">Reader</footer>`;
    expect(page(siblings).author).toBe('Ada Quill');
  });

  it('cuts an overlong title on a word boundary', () => {
    const title = page(`<meta property="og:title" content="${'Harbour news '.repeat(200)}">`).title!;
    expect(title).toMatch(/^(Harbour news )+(Harbour|Harbour news)…$/);
    expect(title.length).toBeLessThanOrEqual(PARSE_LIMITS.maxTitleLength);
  });

  it('resolves a relative canonical link against og:url, falls back to og:url, ignores non-web links', () => {
    expect(page('<meta property="og:url" content="https://example.org/a/b"><link rel="canonical" href="/story?id=1">').url).toBe(
      'https://example.org/story?id=1',
    );
    expect(page('<meta property="og:url" content="https://example.org/a">').url).toBe('https://example.org/a');
    expect(page('<link rel="canonical" href="javascript:alert(1)"><link rel="canonical" href="/x">').url).toBeNull();
    expect(page('<link rel="Canonical Alternate" href="https://example.org/c">').url).toBe('https://example.org/c');
  });

  it('takes the language from <html lang>, else og:locale, and only if it is a language tag', () => {
    expect(page('<html lang="PT-br"><p>x</p></html>').language).toBe('pt-BR');
    expect(page('<html lang="not a tag"><meta property="og:locale" content="de_CH"><p>x</p></html>').language).toBe('de-CH');
    expect(page('<p>x</p>').language).toBeNull();
  });

  it('finds a byline in a page-level header, which it leaves out of the text', () => {
    const html = `<header><h1>Storm closes harbour</h1><p class="byline">By Ada Quill</p><time datetime="2031-01-01">Today</time></header><div class="entry"><p>Body.</p></div>`;
    expect(page(html)).toMatchObject({ title: 'Storm closes harbour', author: 'Ada Quill', publishedAt: null });
    expect(textOf(html)).toBe('Body.');
  });

  it('drops the page header and footer but keeps those of the article', () => {
    const html = `<header>Site DROP</header><article><header><h1>Headline</h1></header><p>Body.</p><footer>Correction: a date was wrong.</footer></article><footer>© DROP</footer>`;
    expect(textOf(html)).toBe('Headline\n\nBody.\n\nCorrection: a date was wrong.');
    expect(textOf(`<header>Site DROP</header><div role="navigation">Menu DROP</div><p>Body.</p><div role="contentinfo">DROP</div>`)).toBe('Body.');
  });

  it('reads the whole page when <article> holds only a small part of it', () => {
    const body = '<p>A long body paragraph that the site forgot to put in the article element.</p>'.repeat(3);
    expect(textOf(`<article><h1>Headline</h1></article>${body}`)).toBe(
      ['Headline', ...Array(3).fill('A long body paragraph that the site forgot to put in the article element.')].join('\n\n'),
    );
  });

  it('chooses the longest article when a page has several', () => {
    expect(textOf('<main><article><p>Teaser.</p></article><article><p>The real story, which is longer.</p></article></main>')).toBe(
      'The real story, which is longer.',
    );
  });

  it('writes tables as rows of tab-separated cells and keeps <pre> as it is', () => {
    expect(textOf('<table><tr><th>Pier</th><th>Offset</th></tr><tr><td>North</td><td></td></tr><tr><td>South</td><td> −4 min </td></tr></table>')).toBe(
      'Pier\tOffset\nNorth\nSouth\t−4 min',
    );
    expect(textOf('<p>Code:</p><pre>if (x) {\n    y();\n}</pre><p>After.</p>')).toBe('Code:\n\nif (x) {\n    y();\n}\n\nAfter.');
  });

  it('collapses whitespace as a browser does and decodes entities, in text and attributes', () => {
    expect(textOf('<p>  one\n\t two <b>three</b><i> four</i>five &lt;six&gt; &#x1F30A; &eacute;</p>')).toBe('one two three fourfive <six> 🌊 é');
    expect(page('<meta property="og:title" content="Fish &amp; chips &quot;fresh&quot;">').title).toBe('Fish & chips "fresh"');
  });

  it('turns two <br> into a paragraph break and keeps list items on their own lines', () => {
    expect(textOf('<p>one<br>two<br><br>three</p><ol><li><p>first</p></li><li>second</li></ol>')).toBe('one\ntwo\n\nthree\n\nfirst\nsecond');
  });

  it('reads a fragment, a page cut off in a tag, and unclosed elements', () => {
    expect(textOf('Just text &amp; more')).toBe('Just text & more');
    expect(textOf('<p>Kept.<p>Also kept.<div class="cut')).toBe('Kept.\n\nAlso kept.');
  });

  it('refuses nesting deeper than the limit quickly and without overflowing the stack', () => {
    const started = performance.now();
    const result = parseHtmlDocument(`${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}`);
    expect(result).toEqual({
      ok: false,
      error: { code: 'validation', message: 'The HTML nests elements more than 512 levels deep, which no real page does; it was not read.' },
    });
    const huge = parseHtmlDocument(`${'<span><b>'.repeat(1_000_000)}x`);
    expect(huge.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads nesting up to the limit', () => {
    const depth = PARSE_LIMITS.maxHtmlDepth;
    expect(textOf(`${'<div>'.repeat(depth)}deep but allowed${'</div>'.repeat(depth)}`)).toBe('deep but allowed');
  });
});
