import { beforeAll, describe, expect, it } from 'vitest';
import { PARSE_POOL, parsePool, READER_STOPPED } from './parse-pool.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { importAnnotatedRequest } from './import-annotated.ts';
import { ANNOTATED_IMPORT_LIMITS, readAnnotatedRequest } from './read-annotated.ts';
import type { ReadDocument } from '@/lib/annotation-import/model.ts';

// POST /api/import/annotations's JSONL path with its lines parsed on the worker pool: stored as
// read; a request part read waits for a worker however long the line (a refusal would lose what it
// sent), a new one is refused whole, and a worker that dies fails its lines with a clear reason.
let admin: Actor;
beforeAll(async () => {
  const user = await db().user.create({ data: { email: 'jsonl-pool@int.example', name: 'Pool', role: 'ADMIN', passwordHash: 'x' } });
  admin = { id: user.id, role: 'ADMIN', disabled: false };
});

const exportLine = (title: string) => {
  const text = `${title}: the council said the bridge reopens on Monday.`;
  return JSON.stringify({
    article: { title, text },
    annotations: [{ id: 'a', kind: 'claim', start: text.indexOf('the bridge'), end: text.length - 1 }],
    relations: [],
  });
};
const request = (body: string) =>
  new Request('http://localhost/api/import/annotations', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });

/** A file that keeps a worker busy for a second or more: long enough to fill the line behind it and look. */
const busyFile = () => ({
  name: 'busy.html',
  bytes: new TextEncoder().encode(`<html><body>${'<div class="x"><p>Words of a long page.</p></div>\n'.repeat(150_000)}</body></html>`),
});

describe('annotated JSONL import through the parse workers', { timeout: 60_000 }, () => {
  it('stores the lines as read, a bad line failing alone', async () => {
    const body = [exportLine('Pool one'), '{oops', '', exportLine('Pool two')].join('\n');
    const outcome = await importAnnotatedRequest(admin, request(body), { name: 'pool.jsonl' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value).toMatchObject({ created: 2, failed: 1, annotations: 2 });
    const stored = await db().article.findMany({
      where: { importJobId: outcome.value.jobId },
      select: { title: true, _count: { select: { annotations: true } } },
      orderBy: { title: 'asc' },
    });
    expect(stored).toEqual([
      { title: 'Pool one', _count: { annotations: 1 } },
      { title: 'Pool two', _count: { annotations: 1 } },
    ]);
  });

  it('waits for a worker mid-stream past the line limit, refuses a new request then, and fails the lines of a worker that dies', async () => {
    const oneLinePerCall = { ...ANNOTATED_IMPORT_LIMITS, batchBytes: 1 };
    const read = await readAnnotatedRequest(
      request([exportLine('Line one'), exportLine('Line two'), exportLine('Line three')].join('\n')),
      { name: 'w.jsonl' },
      { limits: oneLinePerCall },
    );
    if (!read.ok) throw new Error(read.error.message);
    const documents = (read.value as AsyncIterable<ReadDocument>)[Symbol.asyncIterator]();
    expect((await documents.next()).value).toMatchObject({ ok: true, document: { name: 'w.jsonl line 1' } });

    // Every worker busy and the line full behind them.
    const pool = parsePool();
    const blockers = pool.runAll(
      'parseFiles',
      Array.from({ length: PARSE_POOL.size }, () => ({ args: [[busyFile()]] })),
    );
    const filler = pool.runAll(
      'readJsonlLines',
      Array.from({ length: PARSE_POOL.maxWaiting }, () => ({ args: [new TextEncoder().encode('{}'), 1, 'f', false] })),
    );
    if (!blockers.admitted || !filler.admitted) throw new Error('the pool refused the blockers');
    const settled = Promise.allSettled([...blockers.value, ...filler.value]);
    expect(pool.waiting).toBe(PARSE_POOL.maxWaiting);

    const refused = await readAnnotatedRequest(request(exportLine('Too late')), { name: 'late.jsonl' });
    expect(!refused.ok && refused.error.code).toBe('rate_limited');

    const second = documents.next();
    for (let waited = 0; pool.waiting < PARSE_POOL.maxWaiting + 1; waited += 5) {
      if (waited > 20_000) throw new Error('line 2 never reached the pool');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await pool.close();
    await settled;
    expect((await second).value).toEqual({ ok: false, name: 'w.jsonl line 2', error: READER_STOPPED });
    expect((await documents.next()).value).toMatchObject({ ok: true, document: { name: 'w.jsonl line 3' } });
    expect((await documents.next()).done).toBe(true);
  });
});
