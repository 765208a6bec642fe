import { strToU8, zipSync } from 'fflate';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users directly and checks that nothing was written
import { db } from '@/lib/db';
import { POST } from './route.ts';

vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

let adminId = '';
let researcherId = '';
beforeAll(async () => {
  adminId = (await db().user.create({ data: { email: 'admin@route.example', name: 'Admin', role: 'ADMIN', passwordHash: 'x' } })).id;
  researcherId = (await db().user.create({ data: { email: 'res@route.example', name: 'Res', role: 'RESEARCHER', passwordHash: 'x' } })).id;
});

const asAdmin = () => (session.user = { id: adminId, role: 'ADMIN', disabled: false });
const post = (query: string, body: BodyInit, type = 'application/x-ndjson') =>
  POST(new NextRequest(`http://app.example/api/import/annotations?${query}`, { method: 'POST', headers: { 'content-type': type }, body }));
const TEXT = 'Route test: the port reopens on Monday, the harbour master said.';
const exportLine = JSON.stringify({
  article: { title: 'Port', text: TEXT },
  annotations: [
    {
      id: 'x1',
      kind: 'claim',
      start: TEXT.indexOf('the port'),
      end: TEXT.indexOf('the port') + 'the port reopens on Monday'.length,
      exact: 'the port reopens on Monday',
    },
  ],
  relations: [],
});

describe('POST /api/import/annotations', () => {
  it('is for admins: 401 signed out, 403 for a researcher', async () => {
    session.user = null;
    expect((await post('', exportLine)).status).toBe(401);
    session.user = { id: researcherId, role: 'RESEARCHER', disabled: false };
    expect((await post('', exportLine)).status).toBe(403);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    asAdmin();
    const before = await Promise.all([db().article.count(), db().importJob.count()]);
    expect((await post('', exportLine, 'text/plain')).status).toBe(415);
    expect((await post('format=xml', exportLine)).status).toBe(400);
    expect((await post('jobId=../../etc', exportLine)).status).toBe(400);
    const plain = await post('name=articles.jsonl', `${JSON.stringify({ title: 'A plain article', text: 'Just text.' })}\n`);
    expect(plain.status).toBe(400);
    expect((await plain.json()).error.message).toMatch(/articles\.jsonl is not a Newsmark JSONL export/);
    expect((await post('', '\n\n')).status).toBe(400);
    expect((await post('format=brat', 'not a zip', 'application/zip')).status).toBe(400);
    const noDocuments = await post('name=c.zip', zipSync({ 'readme.md': strToU8('hi') }) as BodyInit, 'application/zip');
    expect(noDocuments.status).toBe(400);
    expect((await noDocuments.json()).error.message).toMatch(/c\.zip: there is no brat document/);
    expect(await Promise.all([db().article.count(), db().importJob.count()])).toEqual(before);
  });

  it('refuses a brat zip whose entries lie about their size with 400, writing nothing', async () => {
    asAdmin();
    const before = await Promise.all([db().article.count(), db().importJob.count()]);
    const files = {
      'a.txt': strToU8('The dam holds.'),
      'a.ann': strToU8(''),
      ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`b${i}.txt`, new Uint8Array(1 << 20).fill(0x61)])),
    };
    const zip = zipSync(files, { level: 1 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // The big entries declare 1 KB, in their local headers and in the directory.
    for (let at = 0; at + 4 <= zip.length; at++) {
      if (view.getUint32(at, true) === 0x04034b50 && view.getUint32(at + 22, true) === 1 << 20) view.setUint32(at + 22, 1024, true);
      if (view.getUint32(at, true) === 0x02014b50 && view.getUint32(at + 24, true) === 1 << 20) view.setUint32(at + 24, 1024, true);
    }
    const response = await post('name=bomb.zip', zip as BodyInit, 'application/zip');
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('bomb.zip: b0.txt declares a size that is not its own.');
    expect(await Promise.all([db().article.count(), db().importJob.count()])).toEqual(before);
  });

  it('imports a JSONL export into a job of its own, and adds a brat zip to an open job', async () => {
    asAdmin();
    const response = await post('name=export.jsonl', `${exportLine}\n{"article": 5}\n`);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ created: 1, failed: 1, annotations: 1, relations: 0 });
    expect(body.results.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['export.jsonl line 1', 'created'],
      ['export.jsonl line 2', 'failed'],
    ]);
    expect(await db().importJob.findUniqueOrThrow({ where: { id: body.jobId } })).toMatchObject({ status: 'done', annotations: 1, failed: 1 });

    const job = await db().importJob.create({ data: { createdById: adminId } });
    const zip = zipSync({
      'b/one.txt': strToU8('Brat route: the dam holds, engineers say.'),
      'b/one.ann': strToU8('T1\tClaim 12 25\tthe dam holds\nT2\tSource 27 36\tengineers\nR1\tAttributedTo Arg1:T1 Arg2:T2\n'),
    });
    const brat = await post(`jobId=${job.id}&name=corpus.zip`, zip as BodyInit, 'application/zip');
    expect(brat.status).toBe(201);
    expect(await brat.json()).toMatchObject({
      jobId: job.id,
      created: 1,
      annotations: 2,
      relations: 1,
      results: [{ name: 'corpus.zip: b/one', status: 'created' }],
    });
    // The job stays open for the page's next file.
    expect((await db().importJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('running');
  });
});
