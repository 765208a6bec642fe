import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArticleText } from '@/lib/articles/normalize.ts';
import { parseMarkdownArticle } from './markdown.ts';
import type { ArticleDraft } from './model.ts';

const read = (source: string): ArticleDraft => {
  const result = parseMarkdownArticle(source);
  if (!result.ok) throw new Error(result.error.message);
  return { ...result.value, text: normalizeArticleText(result.value.text) };
};
const refusal = (source: string) => {
  const result = parseMarkdownArticle(source);
  if (result.ok) throw new Error('expected a refusal');
  return result.error.message;
};

describe('parseMarkdownArticle', () => {
  it('reads front matter and strips the markup, keeping the structure', () => {
    const article = read(readFileSync(new URL('./fixtures/front-matter.md', import.meta.url), 'utf8'));
    expect(article).toEqual({
      title: 'Tide tables, explained',
      author: 'Ada Quill',
      source: 'The Example Courier',
      url: 'https://example.org/tides?utm_source=newsletter&page=2',
      publishedAt: new Date('2024-05-29T00:00:00Z'),
      language: 'en',
      text: [
        'Why the tide is late',
        'High water comes about 50 minutes later each day, because the Moon moves along its orbit. AT&T engineers call this the lunar lag.',
        '"It is not late," said a harbour master. "It is on time for the Moon."',
        'Spring tides: a bigger range\nNeap tides: a smaller range\ntwice a month',
        'Check the table\nAdd the offset for your pier',
        'const offsetMinutes = 50; // per day\nif (offsetMinutes > 0) {\n  console.log("later");\n}',
        'See the full table and a tide gauge.',
        'Pier\tOffset\nNorth\t+12 min\nSouth\t−4 min',
        'Figures: 🌊 潮汐 — done.',
      ].join('\n\n'),
    });
  });

  it('takes the first heading as title when there is no front matter', () => {
    expect(read('Intro line.\n\n## The *real* heading\n\nBody text.')).toMatchObject({
      title: 'The real heading',
      text: 'Intro line.\n\nThe real heading\n\nBody text.',
    });
  });

  it('uses the plain-text rule when there is no heading', () => {
    expect(read('Harbour reopens\n\nBoats are *back*.')).toMatchObject({ title: 'Harbour reopens', text: 'Boats are back.' });
    expect(read('Boats are *back*. The harbour reopened.')).toMatchObject({ title: null, text: 'Boats are back. The harbour reopened.' });
  });

  it('takes published, publishedAt and lang as aliases, in any case', () => {
    expect(read('---\nPublishedAt: 2024-05-29T10:00:00Z\nLANG: de\n---\nText.')).toMatchObject({
      publishedAt: new Date('2024-05-29T10:00:00Z'),
      language: 'de',
    });
    expect(read('---\npublished: "2024-05-28"\n---\nText.').publishedAt).toEqual(new Date('2024-05-28T00:00:00Z'));
    expect(read('---\nauthor: [Ada Quill, Kenji Mori]\n---\nText.').author).toBe('Ada Quill, Kenji Mori');
  });

  it('accepts an empty front matter and reads a leading rule without a closing one as Markdown', () => {
    expect(read('---\n---\nJust text.').text).toBe('Just text.');
    expect(read('---\n\nText after a rule.').text).toBe('Text after a rule.');
  });

  it('refuses front matter that is wrong rather than dropping it', () => {
    expect(refusal('---\ntitle: [unclosed\n---\nText.')).toMatch(/^The front matter is not valid YAML: /);
    expect(refusal('---\n- a\n- b\n---\nText.')).toBe('The front matter must be a list of "key: value" lines.');
    expect(refusal('---\ndate: 31/05/2024\n---\nText.')).toBe(
      'In the front matter: The publication date "31/05/2024" is not an ISO 8601 date such as 2024-05-31 or 2024-05-31T14:30:00Z.',
    );
    expect(refusal('---\nurl: javascript:alert(1)\n---\nText.')).toBe(
      'In the front matter: The URL "javascript:alert(1)" is not a full http:// or https:// address.',
    );
  });

  it('drops raw scripts and decodes entities', () => {
    expect(read('Fish &amp; chips <script>DROP()</script> &copy; 2024.\n\n<style>p{}</style>\n\nEnd.').text).toBe('Fish & chips © 2024.\n\nEnd.');
  });

  it('refuses nesting that would overflow marked, quickly', () => {
    const message = 'The Markdown nests quotes or lists more than 32 levels deep, which no article does; it was not read.';
    expect(refusal(`${'>'.repeat(100_000)} deep`)).toBe(message);
    expect(refusal(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'))).toBe(message);
  });

  it('refuses Markdown past its length before marked reads it (millions of line breaks or spaces overflowed its stack)', () => {
    const message = (n: string) => `The Markdown is ${n} characters; a Markdown file may hold at most 1,500,000 (an article's text at most 1,000,000).`;
    expect(refusal(`a${'\n'.repeat(3_000_000)}b`)).toBe(message('3,000,002'));
    expect(refusal(`a${' '.repeat(10_000_000)}b`)).toBe(message('10,000,002'));
    expect(refusal('x'.repeat(1_500_001))).toBe(message('1,500,001'));
    expect(read(`Title\n\n${'\n'.repeat(1_499_000)}b`).text).toBe('b');
  });

  it('reads a long dashed rule and deep indentation inside fenced code', () => {
    // The code block's first line loses its indentation: normalisation trims every paragraph.
    expect(read(`Intro.\n\n${'- '.repeat(200)}\n\n\`\`\`\n${' '.repeat(300)}indented\n${' '.repeat(300)}more\n\`\`\`\n`).text).toBe(
      `Intro.\n\nindented\n${' '.repeat(300)}more`,
    );
  });

  it('refuses blobs that would make marked quadratic, quickly', () => {
    const started = performance.now();
    expect(refusal(`Intro.\n\n${'_a'.repeat(500_000)}`)).toBe(
      'The Markdown has long stretches without spaces full of _ or * (an embedded blob?) that would take too long to read; remove them or import the file as .txt.',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads ordinary snake_case identifiers and emphasis', () => {
    expect(read('Call `load_tide_table()` or set __strict__ and *fast_mode*.').text).toBe('Call load_tide_table() or set strict and fast_mode.');
  });
});
