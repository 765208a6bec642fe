import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { parseImportFile } from '@/lib/articles/parse/index.ts';
import { importRequest } from './import-articles.ts';
import { parsePool, READER_STOPPED } from './parse-pool.ts';
import { readImportRequest } from './read-articles.ts';

// POST /api/articles's path with its parsing on the worker pool: the same items as parsing on
// this thread, stored; a worker that dies mid-request gives a clear reason, and the next request
// gets a new worker.
let admin: Actor;
beforeAll(async () => {
  const user = await db().user.create({ data: { email: 'pool@int.example', name: 'Pool', role: 'ADMIN', passwordHash: 'x' } });
  admin = { id: user.id, role: 'ADMIN', disabled: false };
});

function upload(files: { name: string; content: string }[]) {
  const form = new FormData();
  for (const f of files) form.append('files', new File([f.content], f.name));
  return new Request('http://localhost/api/articles', { method: 'POST', body: form });
}

const FILES = [
  { name: 'story.txt', content: 'Harbour wall gives way\n\nThe wall gave way on Tuesday, residents said.' },
  {
    name: 'page.html',
    content:
      '<html lang="en"><head><title>Bridge closed</title><meta name="author" content="Ana Ruiz"></head><body><nav>Menu</nav><p>The bridge closed at noon.</p></body></html>',
  },
  {
    name: 'feed.csv',
    content:
      'title,text,url,source,author,published_at\nCouncil votes,"The council voted, 7 to 2.",https://example.org/a?utm_source=x,Wire,,2026-03-14\nBad row,,,,,\n',
  },
  { name: 'notes.md', content: '---\ntitle: Port strike\nlanguage: de\n---\n# Port strike\n\nDock workers **walked out**.' },
  { name: 'lines.jsonl', content: '{"text":"First line story."}\n{oops\n' },
  { name: 'items.json', content: JSON.stringify([{ title: 'Ferry late', text: 'The ferry was late again.' }]) },
];

describe('import through the parse workers', { timeout: 60_000 }, () => {
  it('reads every format as parsing on this thread does, and stores the articles', async () => {
    const read = await readImportRequest(upload(FILES));
    if (!read.ok) throw new Error(read.error.message);
    const encoder = new TextEncoder();
    expect(read.value).toEqual(FILES.flatMap((f) => parseImportFile(f.name, encoder.encode(f.content))));

    const outcome = await importRequest(admin, upload(FILES));
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value).toMatchObject({ created: 6, failed: 2 });
    const stored = await db().article.findMany({
      where: { importJobId: outcome.value.jobId },
      select: { title: true, canonicalUrl: true, publishedAt: true, language: true },
      orderBy: { title: 'asc' },
    });
    expect(stored.map((a) => a.title)).toEqual(['Bridge closed', 'Council votes', 'Ferry late', 'First line story', 'Harbour wall gives way', 'Port strike']);
    expect(stored.find((a) => a.title === 'Council votes')).toMatchObject({
      canonicalUrl: 'https://example.org/a',
      publishedAt: new Date('2026-03-14T00:00:00Z'),
    });
  });

  it('answers many requests at once, each with its own items', async () => {
    const requests = Array.from({ length: 12 }, (_, i) =>
      readImportRequest(upload([{ name: `r${i}.txt`, content: `Story number ${i}\n\nBody of story ${i}.` }])),
    );
    const results = await Promise.all(requests);
    expect(results.map((r) => r.ok && r.value.map((item) => item.ok && item.article.title))).toEqual(
      Array.from({ length: 12 }, (_, i) => [`Story number ${i}`]),
    );
  });

  it('gives a clear reason when the worker dies mid-request, and reads the next request on a new worker', async () => {
    const page = `<html><body>${'<div class="x"><p>Words of a long page.</p></div>\n'.repeat(150_000)}</body></html>`;
    const pending = readImportRequest(upload([{ name: 'big.html', content: page }]));
    // Wherever the request is (splitting the upload, parsing the file, waiting), its worker goes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await parsePool().close();
    const read = await pending;
    const reason = read.ok ? (read.value[0]!.ok ? null : read.value[0]!.error) : read.error.message;
    expect(reason).toContain(READER_STOPPED);

    const next = await readImportRequest(upload([FILES[0]!]));
    expect(next.ok && next.value[0]).toMatchObject({ ok: true, article: { title: 'Harbour wall gives way' } });
  });
});
