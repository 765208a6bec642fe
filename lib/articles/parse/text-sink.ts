import { CodeUnitWriter } from '@/lib/articles/code-unit-writer.ts';

const SPACE = 0x20;
// HTML's inter-element whitespace: a run of it renders as one space (no-break space is content).
const isHtmlWhitespace = (c: number) => c === SPACE || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * A chunk of text with each run of HTML whitespace made one space, and whether it began or ended
 * with such a run (the core holds neither). One pass: a global regular-expression replacement
 * costs far more per run, seconds on a page of ten million short words.
 */
export function collapseHtmlWhitespace(chunk: string): { core: string; leading: boolean; trailing: boolean } {
  const out = new CodeUnitWriter(chunk.length);
  let leading = false;
  let inRun = false;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (isHtmlWhitespace(c)) {
      if (out.length === 0) leading = true;
      else inRun = true;
    } else {
      if (inRun) out.push(SPACE);
      inRun = false;
      out.push(c);
    }
  }
  return { core: out.toString(), leading, trailing: out.length === 0 ? leading : inRun };
}

/**
 * Text as a browser lays it out, written as plain text: runs of whitespace become one space,
 * blocks are separated by a blank line, line breaks and list items by `\n`, table cells by a tab.
 * No space is written at the start or end of a line, so nothing depends on how the markup is indented.
 */
export class TextSink {
  private readonly parts: string[] = [];
  // 'gap' follows a cell separator: like a line start for spaces, but the line is not empty.
  private state: 'start' | 'text' | 'space' | 'gap' | 'break' = 'start';

  text(chunk: string): void {
    const { core, leading, trailing } = collapseHtmlWhitespace(chunk);
    if (!core) {
      if (chunk && this.state === 'text') this.state = 'space';
      return;
    }
    if (this.state === 'space' || (this.state === 'text' && leading)) this.parts.push(' ');
    this.parts.push(core);
    this.state = trailing ? 'space' : 'text';
  }

  /** Text inside <pre>: written as it is. */
  preformatted(chunk: string): void {
    if (!chunk) return;
    this.parts.push(chunk);
    this.state = chunk.endsWith('\n') ? 'break' : 'text';
  }

  /** <br>: always a new line, so two in a row leave a blank line, as they look. */
  lineBreak(): void {
    this.parts.push('\n');
    this.state = 'break';
  }

  /** The edge of a list item or table row: a new line unless one was just started. */
  softLineBreak(): void {
    if (this.state !== 'start' && this.state !== 'break') this.lineBreak();
  }

  paragraphBreak(): void {
    if (this.state === 'start' || this.parts.at(-1) === '\n\n') return;
    this.parts.push('\n\n');
    this.state = 'break';
  }

  cellSeparator(): void {
    this.parts.push('\t');
    this.state = 'gap';
  }

  toString(): string {
    return this.parts.join('');
  }
}
