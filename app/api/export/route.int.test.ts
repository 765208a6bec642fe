import { strFromU8, unzipSync } from 'fflate';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
import { seedExport, TEXT_A } from '@/lib/export/seed.test-data.ts';
import { GET } from './route.ts';

vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

let seed: Awaited<ReturnType<typeof seedExport>>;
beforeAll(async () => {
  seed = await seedExport();
});

const get = (query: string) => GET(new NextRequest(`http://app.example/api/export?${query}`));

describe('GET /api/export', () => {
  it('answers 401 without a session', async () => {
    session.user = null;
    expect((await get('format=jsonl')).status).toBe(401);
  });

  it('answers 400 on bad input and 404 for an unknown or archived article', async () => {
    session.user = { id: seed.author.id, role: 'RESEARCHER', disabled: false };
    expect((await get('format=xml')).status).toBe(400);
    expect((await get('status=some')).status).toBe(400);
    expect((await get('from=2024-13-01')).status).toBe(400);
    expect((await get('articleId=nope123')).status).toBe(404);
    expect((await get(`articleId=${seed.c.id}`)).status).toBe(404);
  });

  it('streams JSONL as an attachment', async () => {
    session.user = { id: seed.author.id, role: 'RESEARCHER', disabled: false };
    const response = await get(`format=jsonl&status=all&articleId=${seed.a.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="newsmark-all-\d{8}\.jsonl"$/);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).annotations.map((a: { status: string }) => a.status)).toEqual(['approved', 'pending', 'rejected']);
  });

  it('streams CSV with a BOM, W3C with its total and brat as a zip', async () => {
    session.user = { id: seed.author.id, role: 'RESEARCHER', disabled: false };
    const csv = await get('format=csv&bom=1&source=Beta');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csvBytes).split('\r\n').filter(Boolean)).toHaveLength(1 + 2);

    const w3c = await get('format=w3c');
    expect(w3c.headers.get('content-type')).toContain('application/ld+json');
    const doc = (await w3c.json()) as { type: string; total: number; first: { type: string; startIndex: number; items: unknown[] } };
    expect(doc).toMatchObject({ type: 'AnnotationCollection', total: 4, first: { type: 'AnnotationPage', startIndex: 0 } });
    expect(doc.first.items).toHaveLength(4);

    const brat = await get('format=brat&status=all');
    expect(brat.headers.get('content-type')).toBe('application/zip');
    expect(brat.headers.get('content-disposition')).toMatch(/filename="newsmark-all-\d{8}\.zip"/);
    const zip = Buffer.from(await brat.arrayBuffer());
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
    const names = [...zip.toString('latin1').matchAll(/PK\x01\x02[\s\S]{42}([\x20-\x7e]+?\.(?:txt|ann|conf))/g)].map((m) => m[1]);
    const [x, y] = [seed.a.id, seed.b.id].sort();
    expect(names).toEqual([`${x}.txt`, `${x}.ann`, `${y}.txt`, `${y}.ann`, 'annotation.conf']);
    // What the files hold: the text byte for byte, and every annotation of the scope as a T line.
    const files = unzipSync(new Uint8Array(zip));
    expect(strFromU8(files[`${seed.a.id}.txt`]!)).toBe(TEXT_A);
    const ann = strFromU8(files[`${seed.a.id}.ann`]!);
    expect(ann).toMatch(/^T\d+\tClaim \d+ \d+\tthe tram line opens in June$/m);
    expect(ann).toMatch(/^T\d+\tSource \d+ \d+\ta city report$/m);
    expect(ann).toMatch(/^R1\tAttributedTo Arg1:T\d+ Arg2:T\d+$/m);
    expect(ann).toMatch(/^#1\tAnnotatorNotes T\d+\tCheck the date$/m);
  });
});
