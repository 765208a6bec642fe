import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db.ts';
import { IMPORT_LIMITS } from '@/lib/import-jobs/limits.ts';
import { readImportRequest } from './read-articles.ts';
import { createImportJob, importParsedItems } from '@/lib/import-jobs/mutations.ts';

// Each limit, through the same path as POST /api/articles: read the request, then import what it holds.
let admin: { id: string; role: 'ADMIN'; disabled: false };
beforeAll(async () => {
  const user = await db().user.create({ data: { email: 'limits@int.example', name: 'Limits', role: 'ADMIN', passwordHash: 'x' } });
  admin = { id: user.id, role: 'ADMIN', disabled: false };
});

const counts = async () => ({ articles: await db().article.count(), jobs: await db().importJob.count() });

function upload(files: { name: string; content: BlobPart }[]) {
  const form = new FormData();
  for (const f of files) form.append('files', new File([f.content], f.name));
  return new Request('http://localhost/api/articles', { method: 'POST', body: form });
}

describe('import limits', () => {
  it('refuses a whole request over the size or item limit before anything is written', async () => {
    const before = await counts();
    const oversized = new Request('http://localhost/api/articles', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', 'content-length': String(IMPORT_LIMITS.maxRequestBytes + 1) },
    });
    expect(await readImportRequest(oversized)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const tooMany = JSON.stringify({ articles: Array.from({ length: IMPORT_LIMITS.maxItems + 1 }, (_, i) => ({ text: `n${i}` })) });
    expect(
      await readImportRequest(new Request('http://localhost/api/articles', { method: 'POST', body: tooMany, headers: { 'content-type': 'application/json' } })),
    ).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(await counts()).toEqual(before);
  });

  it('fails each bad file alone with its reason, imports the good one, and stores nothing for the bad', async () => {
    let deep = '';
    for (let i = 0; i < 5_000; i++) deep += '<div>';
    const read = await readImportRequest(
      upload([
        { name: 'good.txt', content: 'A good headline\n\nA good body.' },
        { name: 'huge.txt', content: new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1).fill(0x61) },
        { name: 'empty.txt', content: ' \n\n \n' },
        { name: 'image.txt', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
        { name: 'nul.txt', content: 'Headline\n\nBody with a \u0000 NUL.' },
        { name: 'deep.html', content: `<html><body>${deep}text</body></html>` },
      ]),
    );
    if (!read.ok) throw new Error(read.error.message);
    const before = await db().article.count();
    const outcome = await importParsedItems(admin, await createImportJob(admin), read.value);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const byName = Object.fromEntries(outcome.value.results.map((r) => [r.name, r]));
    expect(byName['good.txt']).toMatchObject({ status: 'created' });
    expect(byName['huge.txt']).toMatchObject({ status: 'failed', error: expect.stringContaining('at most 10 MB') });
    expect(byName['empty.txt']).toMatchObject({ status: 'failed', error: expect.stringMatching(/no text/i) });
    expect(byName['image.txt']).toMatchObject({ status: 'failed', error: expect.stringMatching(/binary/i) });
    expect(byName['nul.txt']).toMatchObject({ status: 'failed', error: expect.stringMatching(/NUL/) });
    expect(byName['deep.html']).toMatchObject({ status: 'failed', error: expect.stringMatching(/nest/i) });
    expect(await db().article.count()).toBe(before + 1);
  });
});
