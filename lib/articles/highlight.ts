/**
 * Highlighted text from PostgreSQL's ts_headline, made safe to render. The database marks matches
 * with two control characters that never occur in normalised article text, instead of HTML tags:
 * the result is split into plain segments here and rendered as React text and <mark> nodes, so
 * nothing from an article is ever interpreted as markup.
 */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

export interface HighlightSegment {
  text: string;
  highlight: boolean;
}

// Control characters other than tab and newline are dropped from what is shown.
const STRAY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function parseHighlighted(marked: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let highlight = false;
  let current = '';
  const flush = () => {
    const text = current.replace(STRAY_CONTROL, '');
    if (text) {
      const last = segments.at(-1);
      if (last && last.highlight === highlight) last.text += text;
      else segments.push({ text, highlight });
    }
    current = '';
  };
  for (const char of marked) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_STOP) {
      flush();
      highlight = char === HIGHLIGHT_START;
    } else {
      current += char;
    }
  }
  flush();
  return segments;
}

/** The options of ts_headline for both markers; values are passed as a query parameter. */
export function headlineOptions(extra: string): string {
  return `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, ${extra}`;
}
