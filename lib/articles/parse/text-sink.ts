// HTML's inter-element whitespace: a run of it renders as one space (no-break space is content).
const HTML_WHITESPACE = /[ \t\n\r\f]+/g;

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
    const collapsed = chunk.replace(HTML_WHITESPACE, ' ');
    const core = collapsed.slice(collapsed.startsWith(' ') ? 1 : 0, collapsed.endsWith(' ') ? -1 : undefined);
    if (!core) {
      if (collapsed && this.state === 'text') this.state = 'space';
      return;
    }
    if (this.state === 'space' || (this.state === 'text' && collapsed.startsWith(' '))) this.parts.push(' ');
    this.parts.push(core);
    this.state = collapsed.endsWith(' ') ? 'space' : 'text';
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
