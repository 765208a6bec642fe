import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db.ts';
import { unpackPaintData } from './paint.ts';
import { getPackedPaintData, getPaintFingerprint } from './queries.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = 'Minister 🌊 said the port will reopen. 佐藤 denied it.\n\nA second paragraph follows.';
let articleId: string;
let ana: string;
let ben: string;

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Paint', text: TEXT, contentHash: 'paint-hash' } })).id;
  ana = (await db().user.create({ data: { email: 'ana@paint.example', name: 'Ana', role: 'RESEARCHER', passwordHash: 'x' } })).id;
  ben = (await db().user.create({ data: { email: 'ben@paint.example', name: 'Ben', role: 'REVIEWER', passwordHash: 'x' } })).id;
});

const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote });

describe('getPackedPaintData', () => {
  it('answers null for an unknown article and empty lists for an article without annotations', async () => {
    expect(await getPackedPaintData('nosuch')).toBeNull();
    expect(await getPackedPaintData(articleId)).toEqual({ a: '', r: '', u: [], f: '0:0:0:0' });
  });

  it('packs every annotation, relation and author of the article, in reading order, and nothing of other articles', async () => {
    const claim = await db().annotation.create({ data: { articleId, authorId: ana, kind: 'claim', ...at('the port will reopen'), unattributed: false } });
    const source = await db().annotation.create({ data: { articleId, authorId: ben, kind: 'source', ...at('Minister 🌊'), status: 'approved', version: 3 } });
    const event = await db().annotation.create({
      data: { articleId, authorId: ana, kind: 'event', ...at('佐藤 denied it'), status: 'rejected', unattributed: false },
    });
    const lone = await db().annotation.create({ data: { articleId, authorId: ana, kind: 'claim', ...at('A second paragraph'), unattributed: true } });
    await db().relation.create({ data: { fromId: claim.id, toId: source.id, type: 'attributed_to', authorId: ben } });
    const other = await db().article.create({ data: { title: 'Other', text: 'Unrelated text here.', contentHash: 'paint-other' } });
    await db().annotation.create({ data: { articleId: other.id, authorId: ana, kind: 'claim', start: 0, end: 9, exact: 'Unrelated' } });

    const packed = await getPackedPaintData(articleId);
    expect(packed).not.toBeNull();
    const data = unpackPaintData(packed!);
    data.annotations.sort((x, y) => x.start - y.start);
    expect(data.annotations.map((a) => a.id)).toEqual([source.id, claim.id, event.id, lone.id]);
    expect(data.annotations[0]).toEqual({
      id: source.id,
      kind: 'source',
      start: 0,
      end: 'Minister 🌊'.length,
      status: 'approved',
      authorId: ben,
      version: 3,
      unattributed: false,
    });
    expect(data.annotations[2]).toMatchObject({ kind: 'event', status: 'rejected', authorId: ana });
    expect(data.annotations[3]).toMatchObject({ kind: 'claim', unattributed: true });
    expect(data.relations).toEqual([{ id: expect.any(String), fromId: claim.id, toId: source.id, type: 'attributed_to', authorId: ben }]);
    expect(data.users).toEqual({ [ana]: 'Ana', [ben]: 'Ben' });
  });

  it('has a fingerprint that moves with every painted change: an edit, a deletion, a new link', async () => {
    expect(await getPaintFingerprint('nosuch')).toBeNull();
    const first = await getPaintFingerprint(articleId);
    expect(first).toBe((await getPackedPaintData(articleId))!.f);
    const claim = await db().annotation.findFirstOrThrow({ where: { articleId, kind: 'claim', unattributed: true } });
    await db().annotation.update({ where: { id: claim.id }, data: { version: { increment: 1 } } });
    const edited = await getPaintFingerprint(articleId);
    expect(edited).not.toBe(first);
    const event = await db().annotation.findFirstOrThrow({ where: { articleId, kind: 'event' } });
    await db().relation.create({ data: { fromId: claim.id, toId: event.id, type: 'about', authorId: ana } });
    const linked = await getPaintFingerprint(articleId);
    expect(linked).not.toBe(edited);
    await db().annotation.delete({ where: { id: event.id } });
    const deleted = await getPaintFingerprint(articleId);
    expect([first, edited, linked]).not.toContain(deleted);
  });
});
