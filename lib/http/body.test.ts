import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonBody } from './body.ts';

const jsonRequest = (body: string) => new Request('http://localhost/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('readJsonBody', () => {
  it('refuses JSON nested deeper than any request body, before parsing it', async () => {
    const result = await readJsonBody(jsonRequest(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), z.unknown());
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: 'The request body nests arrays or objects more than 64 levels deep.' } });
  });

  it('reads JSON nested to the limit', async () => {
    const result = await readJsonBody(jsonRequest(`${'['.repeat(64)}${']'.repeat(64)}`), z.unknown());
    expect(result.ok).toBe(true);
  });
});
