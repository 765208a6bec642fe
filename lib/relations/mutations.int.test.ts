import { beforeAll, describe, expect, it } from 'vitest';
import type { CreateAnnotationInput } from '@/lib/annotations/schemas.ts';
import { createAnnotation, updateAnnotation } from '@/lib/annotations/mutations.ts';
import type { Actor, Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createRelation, deleteRelation } from './mutations.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = 'The minister said the bridge will reopen in May, according to a ministry memo. Crews began repairs on Monday.';
let articleId: string;
let otherArticleId: string;
let author: Actor;
let other: Actor;
let admin: Actor;

const user = (role: Role, email: string) => createActor(role, email, `Name of ${email}`);

async function annotate(kind: CreateAnnotationInput['kind'], quote: string, onArticle = articleId) {
  const start = TEXT.indexOf(quote);
  const created = await createAnnotation(author, onArticle, { kind, start, end: start + quote.length, exact: quote });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

/** What a refused write must leave as it was. */
const counts = async () => ({
  relations: await db().relation.count(),
  audits: await db().auditEvent.count(),
  annotations: await db().annotation.findMany({ select: { id: true, version: true, unattributed: true }, orderBy: { id: 'asc' } }),
});

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Bridge', text: TEXT, contentHash: 'bridge-1' } })).id;
  otherArticleId = (await db().article.create({ data: { title: 'Bridge again', text: TEXT, contentHash: 'bridge-2' } })).id;
  author = await user('RESEARCHER', 'author@rel.example');
  other = await user('RESEARCHER', 'other@rel.example');
  admin = await user('ADMIN', 'admin@rel.example');
});

describe('createRelation', () => {
  it('links each allowed pair, by the session user, and audits it in the same transaction', async () => {
    const claim = await annotate('claim', 'the bridge will reopen in May');
    const source = await annotate('source', 'a ministry memo');
    const event = await annotate('event', 'Crews began repairs');
    const attributed = await createRelation(author, { fromId: claim.id, toId: source.id, type: 'attributed_to' });
    expect(attributed).toEqual({
      ok: true,
      value: {
        id: expect.any(String),
        fromId: claim.id,
        toId: source.id,
        type: 'attributed_to',
        author: { id: author.id, name: 'Name of author@rel.example' },
        createdAt: expect.any(Date),
      },
    });
    expect(await createRelation(other, { fromId: event.id, toId: source.id, type: 'reported_by' })).toMatchObject({
      ok: true,
      value: { type: 'reported_by', author: { id: other.id } },
    });
    expect(await createRelation(author, { fromId: claim.id, toId: event.id, type: 'about' })).toMatchObject({ ok: true, value: { type: 'about' } });

    const id = attributed.ok ? attributed.value.id : '';
    expect(await db().relation.findUniqueOrThrow({ where: { id } })).toMatchObject({ type: 'attributed_to', authorId: author.id });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: id } });
    expect(audit).toMatchObject({
      actorId: author.id,
      action: 'relation.create',
      entity: 'Relation',
      before: null,
      after: { fromId: claim.id, toId: source.id, type: 'attributed_to', authorId: author.id },
    });
  });

  it('answers not_found when either end does not exist, and writes nothing', async () => {
    const claim = await annotate('claim', 'The minister said');
    const before = await counts();
    expect(await createRelation(author, { fromId: claim.id, toId: 'nosuchannotation', type: 'attributed_to' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await createRelation(author, { fromId: 'nosuchannotation', toId: claim.id, type: 'about' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a link to itself, across articles, or between kinds the type does not join, naming the allowed pair', async () => {
    const claim = await annotate('claim', 'reopen in May');
    const source = await annotate('source', 'ministry memo');
    const event = await annotate('event', 'began repairs on Monday');
    const farSource = await annotate('source', 'The minister', otherArticleId);
    const before = await counts();
    expect(await createRelation(author, { fromId: claim.id, toId: claim.id, type: 'about' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'An annotation cannot be linked to itself.' },
    });
    expect(await createRelation(author, { fromId: claim.id, toId: farSource.id, type: 'attributed_to' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Both annotations must be on the same article.' },
    });
    const refused = (fromId: string, toId: string, type: 'attributed_to' | 'reported_by' | 'about') => createRelation(author, { fromId, toId, type });
    expect(await refused(claim.id, event.id, 'attributed_to')).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'A claim can only be attributed to a source.' },
    });
    expect(await refused(source.id, claim.id, 'attributed_to')).toMatchObject({ ok: false, error: { message: 'A claim can only be attributed to a source.' } });
    expect(await refused(claim.id, source.id, 'reported_by')).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'An event can only be reported by a source.' },
    });
    expect(await refused(source.id, event.id, 'reported_by')).toMatchObject({ ok: false, error: { message: 'An event can only be reported by a source.' } });
    expect(await refused(claim.id, source.id, 'about')).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'A claim can only be about an event.' },
    });
    expect(await refused(event.id, claim.id, 'about')).toMatchObject({ ok: false, error: { message: 'A claim can only be about an event.' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a duplicate link, also when two arrive at once', async () => {
    const claim = await annotate('claim', 'will reopen');
    const source = await annotate('source', 'memo');
    const link = { fromId: claim.id, toId: source.id, type: 'attributed_to' } as const;
    const raced = await Promise.all([createRelation(author, link), createRelation(other, link), createRelation(author, link)]);
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
    expect(raced.filter((r) => !r.ok && r.error.code === 'conflict' && r.error.message === 'These annotations are already linked this way.')).toHaveLength(2);
    expect(await db().relation.count({ where: { fromId: claim.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: 'relation.create', after: { path: ['fromId'], equals: claim.id } } })).toBe(1);
  });

  it('refuses links on an archived article', async () => {
    const archivedId = (await db().article.create({ data: { title: 'Old', text: TEXT, contentHash: 'bridge-archived' } })).id;
    const claim = await annotate('claim', 'the bridge', archivedId);
    const source = await annotate('source', 'The minister', archivedId);
    await db().article.update({ where: { id: archivedId }, data: { archivedAt: new Date() } });
    const before = await counts();
    expect(await createRelation(author, { fromId: claim.id, toId: source.id, type: 'attributed_to' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This article is archived; unarchive it to annotate it.' },
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses to attribute a claim marked unattributed, but lets it be about an event', async () => {
    const claim = await annotate('claim', 'bridge will reopen');
    const source = await annotate('source', 'ministry');
    const event = await annotate('event', 'Crews began');
    expect(await updateAnnotation(author, claim.id, { version: 1, unattributed: true })).toMatchObject({ ok: true, value: { unattributed: true } });
    const before = await counts();
    expect(await createRelation(author, { fromId: claim.id, toId: source.id, type: 'attributed_to' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This claim is marked as unattributed; clear that first.' },
    });
    expect(await counts()).toEqual(before);
    expect(await createRelation(author, { fromId: claim.id, toId: event.id, type: 'about' })).toMatchObject({ ok: true });
  });

  it('never ends with an unattributed claim that has a source, however a link and the mark race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const claim = await annotate('claim', 'said the bridge');
      const source = await annotate('source', 'minister');
      const [link, mark] = await Promise.all([
        createRelation(author, { fromId: claim.id, toId: source.id, type: 'attributed_to' }),
        updateAnnotation(author, claim.id, { version: 1, unattributed: true }),
      ]);
      expect([link.ok, mark.ok].filter(Boolean)).toHaveLength(1);
      const stored = await db().annotation.findUniqueOrThrow({
        where: { id: claim.id },
        select: { unattributed: true, _count: { select: { outgoing: true } } },
      });
      expect(stored.unattributed && stored._count.outgoing > 0).toBe(false);
    }
  });
});

describe('deleteRelation', () => {
  it('lets only its author remove a relation, audits the removal, and answers not_found after', async () => {
    const claim = await annotate('claim', 'The minister said the bridge');
    const source = await annotate('source', 'a ministry memo');
    const created = await createRelation(other, { fromId: claim.id, toId: source.id, type: 'attributed_to' });
    if (!created.ok) throw new Error(created.error.message);
    const before = await counts();
    // Not even an admin, nor the author of the annotations it joins.
    expect(await deleteRelation(author, created.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await deleteRelation(admin, created.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await counts()).toEqual(before);

    expect(await deleteRelation(other, created.value.id)).toEqual({ ok: true, value: null });
    expect(await db().relation.count({ where: { id: created.value.id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: created.value.id, action: 'relation.delete' } });
    expect(audit).toMatchObject({ actorId: other.id, entity: 'Relation', before: { fromId: claim.id, toId: source.id, type: 'attributed_to' }, after: null });
    expect(await deleteRelation(other, created.value.id)).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No such relation.' } });
  });

  it('answers not_found for an unknown relation', async () => {
    expect(await deleteRelation(author, 'nosuchrelation')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
