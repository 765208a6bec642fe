import { describe, it } from 'vitest';
import { expectLinearTime } from '@/lib/time-growth.test-support.ts';
import { readBratDocument } from './brat-read.ts';
import { readExportLineText } from './jsonl-read.ts';

const spaces = (n: number) => `a${' '.repeat(n)}b`;

describe('annotated import readers take linear time on adversarial input', () => {
  it('a JSONL export line whose text is a run of spaces', () => {
    expectLinearTime(
      (n) => JSON.stringify({ article: { text: spaces(n) }, annotations: [{ kind: 'claim', start: 0, end: 1 }] }),
      (line) => readExportLineText(line, 'x'),
    );
  });

  it('a JSONL export line nested deeply', () => {
    expectLinearTime(
      (n) => `{"article":${'['.repeat(n)}${']'.repeat(n)}}`,
      (line) => readExportLineText(line, 'x'),
    );
  });

  it('a brat document whose spans all cover a long run of spaces', () => {
    expectLinearTime(
      (n) => ({ text: spaces(n), ann: Array.from({ length: 50 }, (_, i) => `T${i}\tClaim 0 ${n + 2}\ta b\n`).join('') }),
      ({ text, ann }) => readBratDocument('d', text, ann),
    );
  });

  it('a brat .ann of many lines', () => {
    expectLinearTime(
      (n) => ({ text: 'Hello world', ann: Array.from({ length: Math.max(1, n / 20) }, (_, i) => `T${i}\tClaim 0 5\tHello\n`).join('') }),
      ({ text, ann }) => readBratDocument('d', text, ann),
    );
  });
});
