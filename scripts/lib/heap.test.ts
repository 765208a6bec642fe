import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_MB } from './heap.ts';

describe('the server heap', () => {
  it('is what npm start passes to node, with NEWSMARK_HEAP_MB to change it', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`tsx --max-old-space-size=\${NEWSMARK_HEAP_MB:-${DEFAULT_HEAP_MB}} scripts/start.ts`);
  });
});
