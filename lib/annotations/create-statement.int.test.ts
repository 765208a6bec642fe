import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@/lib/articles/normalize.ts';
import { articleListQuerySchema, articleListSql, listArticles } from '@/lib/articles/queries.ts';
import { setArticleArchived } from '@/lib/articles/mutations.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, Prisma } from '@/lib/db.ts';
import { createAnnotation, deleteAnnotation } from './mutations.ts';

// The create as one statement (create-statement.ts) and the counts it leaves in
// "ArticleAnnotationCount" (migration "write_path").
const TEXT = 'Wave 🌊 hits the harbour wall, the council said on Tuesday. Repairs begin in May.';
let author: Actor;
let admin: Actor;

beforeAll(async () => {
  const make = async (role: 'RESEARCHER' | 'ADMIN') => {
    const row = await db().user.create({
      data: { email: `${role.toLowerCase()}-${randomBytes(3).toString('hex')}@create.example`, name: role, role, passwordHash: 'x' },
    });
    return { id: row.id, role, disabled: false } satisfies Actor;
  };
  author = await make('RESEARCHER');
  admin = await make('ADMIN');
});

async function article(text = TEXT, source = `create-${randomBytes(4).toString('hex')}`) {
  return db().article.create({
    data: { title: `Article ${randomBytes(3).toString('hex')}`, text, source, contentHash: contentHash(`${text}${randomBytes(8).toString('hex')}`) },
  });
}
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const counted = async (articleId: string) => (await db().articleAnnotationCount.findUniqueOrThrow({ where: { articleId } })).count;
const stored = async (articleId: string) => ({ annotations: await db().annotation.count({ where: { articleId } }), counted: await counted(articleId) });

describe('a create in one statement', () => {
  it('writes the annotation and its audit row, and counts it', async () => {
    const { id } = await article();
    const created = await createAnnotation(author, id, { kind: 'claim', ...span('the council said on Tuesday'), note: 'n', attributes: { type: 'factual' } });
    expect(created).toMatchObject({
      ok: true,
      value: {
        articleId: id,
        kind: 'claim',
        exact: 'the council said on Tuesday',
        note: 'n',
        status: 'pending',
        version: 1,
        unattributed: false,
        author: { id: author.id, name: 'RESEARCHER' },
      },
    });
    if (!created.ok) return;
    const row = await db().annotation.findUniqueOrThrow({ where: { id: created.value.id } });
    expect(row).toMatchObject({ prefix: created.value.prefix, suffix: created.value.suffix, attributes: { type: 'factual' } });
    const audit = await db().auditEvent.findMany({ where: { entityId: created.value.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: author.id,
      action: 'annotation.create',
      entity: 'Annotation',
      before: null,
      after: { kind: 'claim', status: 'pending', version: 1, exact: 'the council said on Tuesday' },
    });
    expect(Math.abs(audit[0]!.createdAt.getTime() - row.createdAt.getTime())).toBeLessThan(60_000);
    expect(await stored(id)).toEqual({ annotations: 1, counted: 1 });
  });

  it('refuses an archived article (409), a missing one (404) and a bad span (400), writing nothing', async () => {
    const { id } = await article();
    await createAnnotation(author, id, { kind: 'event', ...span('Repairs begin in May') });
    expect((await setArticleArchived(admin, id, true)).ok).toBe(true);
    const audits = await db().auditEvent.count();
    expect(await createAnnotation(author, id, { kind: 'event', ...span('harbour wall') })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await createAnnotation(author, 'cnosucharticle000000000000', { kind: 'event', start: 0, end: 4 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const open = await article();
    const wave = TEXT.indexOf('🌊');
    expect(await createAnnotation(author, open.id, { kind: 'event', start: wave + 1, end: wave + 5 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await createAnnotation(author, open.id, { kind: 'event', start: 3, end: TEXT.length + 1 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await db().auditEvent.count()).toBe(audits);
    expect(await stored(id)).toEqual({ annotations: 1, counted: 1 });
    expect(await stored(open.id)).toEqual({ annotations: 0, counted: 0 });
  });

  it('writes neither row when the audit row fails: one transaction', async () => {
    const { id } = await article();
    await db().$executeRawUnsafe(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
    try {
      await expect(createAnnotation(author, id, { kind: 'claim', ...span('harbour wall') })).rejects.toThrow(/audit refused/);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AuditEvent"`);
      await db().$executeRawUnsafe(`DROP FUNCTION test_refuse_audit()`);
    }
    expect(await stored(id)).toEqual({ annotations: 0, counted: 0 });
  });

  it('lets many concurrent creates on one article all land, each counted once', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const { id } = await article();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => createAnnotation(author, id, { kind: i % 2 ? 'claim' : 'source', ...span(i % 3 ? 'harbour wall' : 'Repairs') })),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(await stored(id)).toEqual({ annotations: 40, counted: 40 });
      expect(await db().auditEvent.count({ where: { entityId: { in: results.map((r) => (r.ok ? r.value.id : '')) } } })).toBe(40);
    }
  });
});

describe('the article counts', () => {
  it('stores the length of the text once, in UTF-16 code units as the offsets count', async () => {
    const { id } = await article();
    const [row] = await db().$queryRaw<{ textLength: number }[]>`SELECT "textLength" FROM "Article" WHERE "id" = ${id}`;
    expect(row!.textLength).toBe(TEXT.length);
  });

  it('follow creates, deletes, moves and bulk inserts, with a counts row for every new article', async () => {
    const a = await article();
    const b = await article();
    const created = await createAnnotation(author, a.id, { kind: 'claim', ...span('harbour wall') });
    await createAnnotation(author, a.id, { kind: 'claim', ...span('Repairs') });
    expect([await counted(a.id), await counted(b.id)]).toEqual([2, 0]);
    if (created.ok) await deleteAnnotation(author, created.value.id);
    expect(await counted(a.id)).toBe(1);
    const moved = await db().annotation.findFirstOrThrow({ where: { articleId: a.id } });
    await db().annotation.update({ where: { id: moved.id }, data: { articleId: b.id } });
    expect([await counted(a.id), await counted(b.id)]).toEqual([0, 1]);
    // One statement of many rows over both articles, as the annotated import writes them.
    await db().annotation.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        articleId: i % 3 ? a.id : b.id,
        authorId: author.id,
        kind: 'event' as const,
        start: 0,
        end: 4,
        exact: 'Wave',
      })),
    });
    expect([await counted(a.id), await counted(b.id)]).toEqual([20, 11]);
    await db().annotation.deleteMany({ where: { articleId: { in: [a.id, b.id] }, kind: 'event' } });
    expect([await counted(a.id), await counted(b.id)]).toEqual([0, 1]);
    const many = await db().article.createManyAndReturn({
      data: [1, 2, 3].map((i) => ({
        title: `Bulk ${i}`,
        text: `Bulk text ${i} ${randomBytes(4).toString('hex')}`,
        contentHash: randomBytes(16).toString('hex'),
      })),
      select: { id: true },
    });
    expect(await db().articleAnnotationCount.count({ where: { articleId: { in: many.map((m) => m.id) }, count: 0 } })).toBe(3);
  });

  it('sort "most annotated" as they change, paging by keyset, archived articles left out', async () => {
    const source = `most-${randomBytes(4).toString('hex')}`;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await article(TEXT, source)).id);
    const add = async (index: number, n: number) => {
      for (let i = 0; i < n; i++) expect((await createAnnotation(author, ids[index]!, { kind: 'claim', ...span('harbour') })).ok).toBe(true);
    };
    await add(0, 1);
    await add(3, 3);
    await add(5, 2);
    const list = (input: Record<string, unknown>) => listArticles(articleListQuerySchema.parse({ source, sort: 'annotated', ...input }));
    const pages = async (limit: number) => {
      const seen: { id: string; count: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ limit, cursor });
        seen.push(...page.items.map((item) => ({ id: item.id, count: item.annotationCount })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const full = (await list({ limit: 100 })).items.map((item) => ({ id: item.id, count: item.annotationCount }));
    expect(full.map((x) => x.count)).toEqual([3, 2, 1, 0, 0, 0]);
    expect(full.slice(0, 3).map((x) => x.id)).toEqual([ids[3], ids[5], ids[0]]);
    for (const limit of [1, 2, 4]) expect(await pages(limit)).toEqual(full);

    await add(0, 3);
    expect((await list({ limit: 2 })).items.map((item) => [item.id, item.annotationCount])).toEqual([
      [ids[0], 4],
      [ids[3], 3],
    ]);
    expect((await setArticleArchived(admin, ids[0]!, true)).ok).toBe(true);
    expect((await list({ limit: 100 })).items.map((item) => item.id)).not.toContain(ids[0]);
    expect((await list({ limit: 100, archived: 'only' })).items.map((item) => [item.id, item.annotationCount])).toEqual([[ids[0], 4]]);
    expect((await setArticleArchived(admin, ids[0]!, false)).ok).toBe(true);
    expect((await list({ limit: 1 })).items.map((item) => item.id)).toEqual([ids[0]]);
  });

  it('serve "most annotated" from the counts keyset index', async () => {
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${articleListSql(articleListQuerySchema.parse({ sort: 'annotated' }))}`);
    });
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toContain('ArticleAnnotationCount_most_annotated_idx');
    expect(text).not.toMatch(/Sort Key: c\."count"/);
  });
});
