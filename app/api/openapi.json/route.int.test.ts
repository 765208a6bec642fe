import { describe, expect, it } from 'vitest';
import { GET } from './route.ts';

describe('GET /api/openapi.json', () => {
  it('answers the OpenAPI 3.1 document as JSON, without credentials', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    const document = (await response.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Newsmark API');
    expect(Object.keys(document.paths)).toContain('/api/openapi.json');
  });
});
