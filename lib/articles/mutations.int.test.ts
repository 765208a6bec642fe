import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/policy.ts';
import { getDashboardCounts, recentArticles } from '@/lib/dashboard/queries.ts';
import { db } from '@/lib/db.ts';
import { setArticleArchived, updateArticleMetadata } from './mutations.ts';
import { articleMetadataSchema } from './metadata-schema.ts';
import { contentHash } from './normalize.ts';
import { articleListQuerySchema, listArticles } from './queries.ts';

async function makeAdmin(): Promise<Actor> {
  const user = await db().user.create({
    data: { email: `admin-${randomBytes(4).toString('hex')}@int.example`, name: 'Admin', role: 'ADMIN', passwordHash: 'x' },
  });
  return { id: user.id, role: 'ADMIN', disabled: false };
}

async function makeArticle(data: { title?: string; url?: string; canonicalUrl?: string } = {}) {
  const text = `Article text ${randomBytes(6).toString('hex')}.`;
  return db().article.create({
    data: {
      title: data.title ?? 'Original title',
      text,
      contentHash: contentHash(text),
      source: 'Wire',
      author: 'A. Writer',
      language: 'en',
      url: data.url,
      canonicalUrl: data.canonicalUrl,
    },
  });
}

const change = (input: unknown) => articleMetadataSchema.parse(input);
const audits = (entityId: string) => db().auditEvent.findMany({ where: { entityId }, orderBy: { createdAt: 'asc' } });

describe('updateArticleMetadata', () => {
  it('changes the metadata and audits only what changed, before and after', async () => {
    const admin = await makeAdmin();
    const article = await makeArticle();
    const result = await updateArticleMetadata(
      admin,
      article.id,
      change({ title: 'New title', source: '', author: 'A. Writer', publishedAt: '2024-05-31', language: 'de' }),
    );
    expect(result.ok).toBe(true);
    const stored = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored).toMatchObject({
      title: 'New title',
      source: null,
      author: 'A. Writer',
      publishedAt: new Date('2024-05-31T00:00:00Z'),
      language: 'de',
      text: article.text,
      contentHash: article.contentHash,
    });
    const [audit, ...rest] = await audits(article.id);
    expect(rest).toEqual([]);
    expect(audit).toMatchObject({ actorId: admin.id, action: 'article.update', entity: 'Article' });
    expect(audit!.before).toEqual({ title: 'Original title', source: 'Wire', publishedAt: null, language: 'en' });
    expect(audit!.after).toEqual({ title: 'New title', source: null, publishedAt: '2024-05-31T00:00:00.000Z', language: 'de' });
  });

  it('writes and audits nothing when nothing differs', async () => {
    const admin = await makeAdmin();
    const article = await makeArticle();
    const result = await updateArticleMetadata(admin, article.id, change({ title: 'Original title', source: 'Wire' }));
    expect(result.ok && result.value.updatedAt).toEqual(article.updatedAt);
    expect(await audits(article.id)).toEqual([]);
  });

  it('recomputes the canonical URL when the URL changes', async () => {
    const admin = await makeAdmin();
    const article = await makeArticle({ url: 'https://old.example/a', canonicalUrl: 'https://old.example/a' });
    const changed = await updateArticleMetadata(admin, article.id, change({ url: 'https://NEW.example/b?id=7&utm_source=x#comments' }));
    expect(changed.ok && [changed.value.url, changed.value.canonicalUrl]).toEqual([
      'https://new.example/b?id=7&utm_source=x#comments',
      'https://new.example/b?id=7',
    ]);
    const [audit] = await audits(article.id);
    expect(audit!.before).toEqual({ url: 'https://old.example/a', canonicalUrl: 'https://old.example/a' });
    expect(audit!.after).toEqual({ url: 'https://new.example/b?id=7&utm_source=x#comments', canonicalUrl: 'https://new.example/b?id=7' });
    const removed = await updateArticleMetadata(admin, article.id, change({ url: null }));
    expect(removed.ok && [removed.value.url, removed.value.canonicalUrl]).toEqual([null, null]);
  });

  it('answers a conflict, changing nothing, when another article has the canonical URL', async () => {
    const admin = await makeAdmin();
    await makeArticle({ url: 'https://taken.example/story', canonicalUrl: 'https://taken.example/story' });
    const article = await makeArticle();
    const result = await updateArticleMetadata(admin, article.id, change({ title: 'Renamed', url: 'https://TAKEN.example/story?utm_medium=social#top' }));
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', fieldErrors: { url: [expect.stringMatching(/Another article already has this URL/)] } }),
    });
    expect(await db().article.findUniqueOrThrow({ where: { id: article.id } })).toMatchObject({ title: 'Original title', url: null, canonicalUrl: null });
    expect(await audits(article.id)).toEqual([]);
  });

  it('answers not found for an unknown article', async () => {
    expect(await updateArticleMetadata(await makeAdmin(), 'nosuchid', change({ title: 'x' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('setArticleArchived', () => {
  it('hides the article from lists and counts, keeps its annotations, and audits both ways', async () => {
    const admin = await makeAdmin();
    const article = await makeArticle({ title: `Archivable ${randomBytes(3).toString('hex')}` });
    await db().annotation.create({ data: { articleId: article.id, authorId: admin.id, kind: 'claim', start: 0, end: 7, exact: 'Article' } });
    const visible = async () => (await listArticles(articleListQuerySchema.parse({ q: article.title, sort: 'title' }))).items.some((i) => i.id === article.id);
    const before = await getDashboardCounts(admin);
    expect(await visible()).toBe(true);

    const archived = await setArticleArchived(admin, article.id, true);
    expect(archived.ok && archived.value.archivedAt).toBeInstanceOf(Date);
    expect(await visible()).toBe(false);
    const during = await getDashboardCounts(admin);
    expect([during.articles, during.annotations, during.mine.pending]).toEqual([before.articles - 1, before.annotations - 1, before.mine.pending - 1]);
    expect((await recentArticles(100)).some((a) => a.id === article.id)).toBe(false);
    expect(await db().annotation.count({ where: { articleId: article.id } })).toBe(1);

    // Archiving twice is a no-op, not a second audit event.
    expect((await setArticleArchived(admin, article.id, true)).ok).toBe(true);
    const unarchived = await setArticleArchived(admin, article.id, false);
    expect(unarchived.ok && unarchived.value.archivedAt).toBeNull();
    expect(await visible()).toBe(true);

    const trail = await audits(article.id);
    expect(trail.map((a) => a.action)).toEqual(['article.archive', 'article.unarchive']);
    expect(trail[0]!.before).toEqual({ archivedAt: null });
    expect(trail[1]!.after).toEqual({ archivedAt: null });
    expect(trail[1]!.before).toEqual(trail[0]!.after);
  });

  it('answers not found for an unknown article', async () => {
    expect(await setArticleArchived(await makeAdmin(), 'nosuchid', true)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
