import { beforeAll, describe, expect, it } from 'vitest';
import { jsonlLine } from './jsonl.ts';
import { seedExport } from './seed.test-data.ts';
import { countExport, exportItems, type ExportQuery } from './queries.ts';
import type { ExportItem } from './model.ts';

let seed: Awaited<ReturnType<typeof seedExport>>;
beforeAll(async () => {
  seed = await seedExport();
});

async function all(query: ExportQuery): Promise<ExportItem[]> {
  const out: ExportItem[] = [];
  for await (const item of exportItems(query)) out.push(item);
  return out;
}
const sortedIds = (...ids: string[]) => [...ids].sort();

describe('exportItems', () => {
  it('exports approved annotations only by default scope, never archived articles, in article id order', async () => {
    const items = await all({ scope: 'approved' });
    expect(items.map((i) => i.article.id)).toEqual(sortedIds(seed.a.id, seed.b.id));
    const a = items.find((i) => i.article.id === seed.a.id)!;
    expect(a.annotations.map((n) => n.id)).toEqual([seed.claim.id]);
    expect(a.annotations[0]).toMatchObject({
      kind: 'claim',
      exact: 'the tram line opens in June',
      note: 'Check the date',
      status: 'approved',
      author: { id: seed.author.id, email: 'ana@example.org' },
      decision: { decision: 'approve', comment: null, reviewer: { email: 'rev@example.org' } },
    });
    // The relation to the pending source is left out; the one between approved annotations stays.
    expect(a.relations).toEqual([]);
    const b = items.find((i) => i.article.id === seed.b.id)!;
    expect(b.relations).toEqual([
      expect.objectContaining({ id: seed.approvedRelation.id, type: 'attributed_to', fromId: seed.stormClaim.id, toId: seed.stormSource.id }),
    ]);
    expect(await countExport({ scope: 'approved' })).toBe(3 + 1);
  });

  it('exports every annotation with its status and latest decision with scope all', async () => {
    const items = await all({ scope: 'all' });
    const a = items.find((i) => i.article.id === seed.a.id)!;
    expect(a.annotations.map((n) => [n.exact, n.status])).toEqual([
      ['the tram line opens in June', 'approved'],
      ['a city report', 'pending'],
      ['Wave 🌊 hits Kaminose', 'rejected'],
    ]);
    expect(a.annotations[1]!.decision).toBeNull();
    expect(a.annotations[2]!.decision).toMatchObject({ decision: 'reject', comment: 'Not a claim' });
    expect(a.relations.map((r) => r.id)).toEqual([seed.pendingRelation.id]);
    expect(a.article).toMatchObject({ title: 'Tram line', source: 'Alpha', publishedAt: '2024-05-01T10:00:00.000Z' });
    expect(await countExport({ scope: 'all' })).toBe(5 + 2);
  });

  it('applies the /articles filters and an article id', async () => {
    expect((await all({ scope: 'all', filter: { source: 'Beta' } })).map((i) => i.article.id)).toEqual([seed.b.id]);
    expect((await all({ scope: 'all', filter: { source: 'Alpha' } })).map((i) => i.article.id)).toEqual([seed.a.id]);
    expect((await all({ scope: 'all', filter: { from: new Date('2024-05-15T00:00:00Z') } })).map((i) => i.article.id)).toEqual([seed.b.id]);
    expect((await all({ scope: 'all', filter: { q: 'harbour' } })).map((i) => i.article.id)).toEqual([seed.b.id]);
    expect((await all({ scope: 'all', filter: { review: 'rejected' } })).map((i) => i.article.id)).toEqual([seed.a.id]);
    expect(await countExport({ scope: 'all', filter: { source: 'Beta' } })).toBe(3);
    expect((await all({ scope: 'approved', articleIds: [seed.b.id] })).map((i) => i.article.id)).toEqual([seed.b.id]);
    // An archived article is not exported even when asked for by id.
    expect(await all({ scope: 'all', articleIds: [seed.c.id] })).toEqual([]);
    expect(await countExport({ scope: 'all', articleIds: [seed.c.id] })).toBe(0);
  });

  it('is deterministic and pages (by articles or by annotations) without losing or repeating articles', async () => {
    const bytes = async (pageSize: number, pageAnnotations?: number) => (await all({ scope: 'all', pageSize, pageAnnotations })).map(jsonlLine).join('');
    const first = await bytes(100);
    expect(await bytes(1)).toBe(first);
    expect(await bytes(100)).toBe(first);
    // Pages cut by their annotations (down to one article each) give the same bytes.
    expect(await bytes(100, 1)).toBe(first);
    expect(await bytes(100, 3)).toBe(first);
  });
});
