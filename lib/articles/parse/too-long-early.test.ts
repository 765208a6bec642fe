import { describe, expect, it, vi } from 'vitest';
import { TEXT_TOO_LONG } from './article-fields.ts';
import { parseImportFile, parseImportItem } from './index.ts';
import { PARSE_LIMITS } from './limits.ts';

// Spies on the plain-text reader and the normaliser: a text the size alone condemns must be
// refused without reading it (an 8 MB file took a second of normalising to be refused).
const spies = vi.hoisted(() => ({ parsePlainTextArticle: vi.fn(), toArticleText: vi.fn() }));
vi.mock('./plain-text.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./plain-text.ts')>();
  spies.parsePlainTextArticle.mockImplementation(original.parsePlainTextArticle);
  return { ...original, parsePlainTextArticle: spies.parsePlainTextArticle };
});
vi.mock('./article-text.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./article-text.ts')>();
  spies.toArticleText.mockImplementation(original.toArticleText);
  return { ...original, toArticleText: spies.toArticleText };
});

const encode = (text: string) => new TextEncoder().encode(text);
const PROSE = 'The council voted to delay the harbour project, according to minutes seen by reporters. ';

describe('a text longer than an article may hold', () => {
  it('is refused before parsing when its size makes it certain: an 8 MB prose file', () => {
    spies.parsePlainTextArticle.mockClear();
    spies.toArticleText.mockClear();
    const file = encode(`Harbour report\n\n${PROSE.repeat(Math.ceil(8_000_000 / PROSE.length))}`);
    expect(parseImportFile('prose.txt', file)).toEqual([{ ok: false, name: 'prose.txt', error: TEXT_TOO_LONG }]);
    expect(spies.parsePlainTextArticle).not.toHaveBeenCalled();
    expect(spies.toArticleText).not.toHaveBeenCalled();
  });

  it('is refused before normalising when an item of a JSON file gives it as text', () => {
    spies.toArticleText.mockClear();
    const file = encode(JSON.stringify({ title: 'Harbour report', text: PROSE.repeat(Math.ceil(2_000_000 / PROSE.length)) }));
    expect(parseImportFile('big.json', file)).toEqual([{ ok: false, name: 'big.json', error: TEXT_TOO_LONG }]);
    expect(spies.toArticleText).not.toHaveBeenCalled();
  });

  it('gets the same refusal, after parsing, when only the normalised text tells', () => {
    spies.parsePlainTextArticle.mockClear();
    // Just over the limit once normalised, within what a headline could take away: not certain early.
    const body = 'a'.repeat(PARSE_LIMITS.maxTextLength + 1);
    expect(parseImportFile('edge.txt', encode(body))).toEqual([{ ok: false, name: 'edge.txt', error: TEXT_TOO_LONG }]);
    expect(spies.parsePlainTextArticle).toHaveBeenCalledTimes(1);
    expect(parseImportItem({ text: body }, '#1')).toEqual({ ok: false, name: '#1', error: TEXT_TOO_LONG });
  });

  it('is still read when white space makes up the difference: a long file that normalises under the limit is imported', () => {
    spies.parsePlainTextArticle.mockClear();
    // 1.6 million characters, half of them spaces at line ends and blank lines, which normalisation drops.
    const paragraph = `${'word '.repeat(15)}${' '.repeat(80)}\n\n`;
    const text = `Harbour report\n\n${paragraph.repeat(Math.ceil(1_600_000 / paragraph.length))}`;
    expect(text.length).toBeGreaterThan(PARSE_LIMITS.maxTextLength);
    const [item] = parseImportFile('spaced.txt', encode(text));
    expect(item).toMatchObject({ ok: true, article: { title: 'Harbour report' } });
    expect(item!.ok && item!.article.text.length).toBeLessThanOrEqual(PARSE_LIMITS.maxTextLength);
    expect(spies.parsePlainTextArticle).toHaveBeenCalledTimes(1);
  });
});
