import { afterEach, describe, expect, it } from 'vitest';
import { GET } from './route.ts';

const globals = globalThis as unknown as { newsmarkDb?: unknown };

describe('GET /api/health', () => {
  const realUrl = process.env.DATABASE_URL;
  afterEach(() => {
    process.env.DATABASE_URL = realUrl;
    globals.newsmarkDb = undefined;
  });

  it('answers 200 when the database is up', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database is down', async () => {
    globals.newsmarkDb = undefined;
    process.env.DATABASE_URL = 'postgresql://nobody:nothing@127.0.0.1:1/none';
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable' });
  });
});
