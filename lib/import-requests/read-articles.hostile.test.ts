import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '@/lib/import-jobs/limits.ts';
import { readImportRequest } from './read-articles.ts';

// Hostile bodies for the readers that now run on the parse workers: each is a clear 4xx or a
// failed item, never a crash, a hang or a 500.
const post = (body: BodyInit, type: string) => new Request('http://localhost/api/articles', { method: 'POST', body, headers: { 'content-type': type } });
const BOUNDARY = 'XyZ';
const part = (name: string, content: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;

describe('readImportRequest on hostile bodies', { timeout: 60_000 }, () => {
  it.each([
    ['no boundary', post(part('a.txt', 'Text.'), 'multipart/form-data')],
    ['another boundary', post(`${part('a.txt', 'Text.')}--${BOUNDARY}--\r\n`, 'multipart/form-data; boundary=Other')],
    ['cut off mid-part', post(part('a.txt', 'Text.').slice(0, 60), `multipart/form-data; boundary=${BOUNDARY}`)],
    [
      'a header a megabyte long',
      post(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${'a'.repeat(1_000_000)}.txt"\r\n\r\nText.\r\n--${BOUNDARY}--\r\n`,
        `multipart/form-data; boundary=${BOUNDARY}`,
      ),
    ],
  ])('refuses a multipart body with %s as unreadable, or reads what it holds', async (_, request) => {
    const read = await readImportRequest(request);
    if (read.ok) expect(read.value.every((item) => item.ok || typeof item.error === 'string')).toBe(true);
    else expect(read.error.code).toBe('validation');
  });

  it('counts the items of many tiny files, which share calls to the workers, and refuses one over the limit', async () => {
    const files = Array.from({ length: IMPORT_LIMITS.maxItems + 1 }, (_, i) => part(`f${i}.txt`, `Story ${i}\n\nBody ${i}.`)).join('');
    const read = await readImportRequest(post(`${files}--${BOUNDARY}--\r\n`, `multipart/form-data; boundary=${BOUNDARY}`));
    expect(read).toMatchObject({ ok: false, error: { code: 'payload_too_large', message: expect.stringContaining('10,001 articles') } });
  });

  it('keeps the order of files across calls, small ones grouped and large ones alone', async () => {
    const big = `Big story\n\n${'word '.repeat(300_000)}`;
    const names = ['a.txt', 'big1.txt', 'b.txt', 'c.txt', 'big2.txt', 'd.txt'];
    const body = names.map((name) => part(name, name.startsWith('big') ? big.replace('Big', name) : `Story ${name}\n\nBody.`)).join('');
    const read = await readImportRequest(post(`${body}--${BOUNDARY}--\r\n`, `multipart/form-data; boundary=${BOUNDARY}`));
    expect(read.ok && read.value.map((item) => item.name)).toEqual(names);
  });

  it('refuses bodies that are not UTF-8, not JSON, or nest too deep, with the reader’s own message', async () => {
    const bad = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(await readImportRequest(post(bad, 'application/json'))).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'The request body is not valid UTF-8.' },
    });
    expect(await readImportRequest(post(bad, 'application/x-ndjson'))).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'The request body is not valid UTF-8.' },
    });
    expect(await readImportRequest(post('{"articles": [', 'application/json'))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await readImportRequest(post(`{"articles": ${'['.repeat(100_000)}`, 'application/json'))).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/nest/) },
    });
    expect(await readImportRequest(post('{"articles": "none"}', 'application/json'))).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Send { "articles": [ … ] }.' },
    });
  });
});
