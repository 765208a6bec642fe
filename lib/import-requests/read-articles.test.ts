import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '@/lib/import-jobs/limits.ts';
import { readImportRequest } from './read-articles.ts';

const post = (body: BodyInit, type: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/articles', { method: 'POST', body, headers: { 'content-type': type, ...headers } });

function multipart(files: { name: string; content: string | Uint8Array<ArrayBuffer> }[]) {
  const form = new FormData();
  for (const f of files) form.append('files', new File([f.content], f.name));
  return new Request('http://localhost/api/articles', { method: 'POST', body: form });
}

describe('readImportRequest', () => {
  it('reads JSON articles, each checked alone', async () => {
    const result = await readImportRequest(post(JSON.stringify({ articles: [{ title: 'One', text: 'Text one.' }, { text: '' }] }), 'application/json'));
    expect(result.ok && result.value.map((i) => [i.name, i.ok])).toEqual([
      ['#1', true],
      ['#2', false],
    ]);
  });

  it('reads NDJSON, where a bad line fails alone with its number', async () => {
    const result = await readImportRequest(post('{"text":"Line one."}\n\n{oops\n{"text":"Line four."}\n', 'application/x-ndjson'));
    expect(result.ok && result.value.map((i) => (i.ok ? i.name : `${i.name}: ${i.error}`))).toEqual([
      'NDJSON line 1',
      expect.stringMatching(/^NDJSON line 3: This line is not valid JSON/),
      'NDJSON line 4',
    ]);
  });

  it('reads multipart files, failing a file over the size limit alone', async () => {
    const big = new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1).fill(0x61);
    const result = await readImportRequest(
      multipart([
        { name: 'small.txt', content: 'Small headline\n\nSmall body.' },
        { name: 'huge.txt', content: big },
      ]),
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value[0]).toMatchObject({ ok: true, name: 'small.txt' });
      expect(result.value[1]).toEqual({ ok: false, name: 'huge.txt', error: 'The file is 10 MB; files of at most 10 MB are accepted.' });
    }
  });

  it('refuses a request with more items than allowed, before anything is parsed', async () => {
    const articles = Array.from({ length: IMPORT_LIMITS.maxItems + 1 }, () => ({ text: 'x' }));
    expect(await readImportRequest(post(JSON.stringify({ articles }), 'application/json'))).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const lines = Array.from({ length: IMPORT_LIMITS.maxItems + 1 }, (_, i) => `{"text":"n${i}"}`).join('\n');
    expect(await readImportRequest(post(lines, 'application/x-ndjson'))).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  it('refuses a body over the request limit, and other content types', async () => {
    expect(await readImportRequest(post('{}', 'application/json', { 'content-length': String(IMPORT_LIMITS.maxRequestBytes + 1) }))).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    expect(await readImportRequest(post('title,text', 'text/csv'))).toMatchObject({ ok: false, error: { code: 'unsupported_media_type' } });
    expect(await readImportRequest(post('{"articles": 3}', 'application/json'))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await readImportRequest(post('not json', 'application/json'))).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
