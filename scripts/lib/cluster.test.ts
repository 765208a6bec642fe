import { describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env.ts';

const webConcurrency = (value: string | undefined) => readEnv({ WEB_CONCURRENCY: value }).WEB_CONCURRENCY;

describe('webConcurrency', () => {
  it('is one process when unset, empty or 1, else the number given', () => {
    expect(webConcurrency(undefined)).toBe(1);
    expect(webConcurrency('')).toBe(1);
    expect(webConcurrency(' ')).toBe(1);
    expect(webConcurrency('1')).toBe(1);
    expect(webConcurrency('4')).toBe(4);
  });

  it('refuses what is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '65', 'Infinity']) expect(() => webConcurrency(bad), bad).toThrow(/WEB_CONCURRENCY/);
  });
});
