import { createHash } from 'node:crypto';

/**
 * The one normalisation of article text (DESIGN.md "Text and offsets"): NFC, `\n` line endings,
 * paragraphs separated by exactly one blank line, no BOM, trimmed paragraphs. Offsets of every
 * annotation index into its result, so it must run once, at import, and never change silently.
 */
export function normalizeArticleText(raw: string): string {
  return raw
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .split(/\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/[ \t]+$/u, ''))
        .join('\n')
        .trim(),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/** Identity of an article's content for deduplication: SHA-256 of the normalised text. */
export function contentHash(normalizedText: string): string {
  return createHash('sha256').update(normalizedText, 'utf8').digest('hex');
}
