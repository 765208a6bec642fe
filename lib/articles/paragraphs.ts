export interface Paragraph {
  /** UTF-16 offset of the paragraph's first character in Article.text. */
  start: number;
  end: number;
  text: string;
}

/**
 * Article.text separates paragraphs by one blank line (docs/architecture.md "Text and offsets"). Offsets are kept so the
 * annotator can map a selection inside a paragraph back to the article.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    const next = text.indexOf('\n\n', start);
    const end = next === -1 ? text.length : next;
    if (end > start) paragraphs.push({ start, end, text: text.slice(start, end) });
    if (next === -1) break;
    start = next + 2;
  }
  return paragraphs;
}
