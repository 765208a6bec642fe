import { describe, expect, it } from 'vitest';
import { collapseHtmlWhitespace } from './text-sink.ts';

// The global replacement the loop replaced, kept as its specification.
function byRegex(chunk: string) {
  const collapsed = chunk.replace(/[ \t\n\r\f]+/g, ' ');
  const core = collapsed.slice(collapsed.startsWith(' ') ? 1 : 0, collapsed.endsWith(' ') ? -1 : undefined);
  return { core, leading: collapsed.startsWith(' '), trailing: collapsed.endsWith(' ') };
}

describe('collapseHtmlWhitespace', () => {
  it('gives exactly what the regular expression gave, on 50,000 random short chunks of the tricky characters', () => {
    const alphabet = [' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', 'a', 'b', '\u0085', '\u2028'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 50_000; i++) {
      let chunk = '';
      for (let length = Math.floor(random() * 12); length > 0; length--) chunk += alphabet[Math.floor(random() * alphabet.length)];
      const [loop, regex] = [collapseHtmlWhitespace(chunk), byRegex(chunk)];
      if (JSON.stringify(loop) !== JSON.stringify(regex)) expect(loop, JSON.stringify(chunk)).toEqual(regex);
    }
  });
});
