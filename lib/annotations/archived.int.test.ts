import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createRelation, deleteRelation } from '@/lib/relations/mutations.ts';
import { createAnnotation, deleteAnnotation, updateAnnotation } from './mutations.ts';

const TEXT = 'The council said the ferry resumes in June, according to its spokesperson.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote });
let author: Actor;
let articleId: string;
let claimId: string;
let sourceId: string;
let relationId: string;

beforeAll(async () => {
  author = {
    id: (await db().user.create({ data: { email: 'archivist@ann.example', name: 'Archivist', role: 'RESEARCHER', passwordHash: 'x' } })).id,
    role: 'RESEARCHER',
    disabled: false,
  };
  articleId = (await db().article.create({ data: { title: 'Ferry', text: TEXT, contentHash: 'archived-ferry' } })).id;
  const claim = await createAnnotation(author, articleId, { kind: 'claim', ...at('the ferry resumes in June') });
  const source = await createAnnotation(author, articleId, { kind: 'source', ...at('its spokesperson') });
  if (!claim.ok || !source.ok) throw new Error('setup failed');
  claimId = claim.value.id;
  sourceId = source.value.id;
  const relation = await createRelation(author, { fromId: claimId, toId: sourceId, type: 'attributed_to' });
  if (!relation.ok) throw new Error('setup failed');
  relationId = relation.value.id;
  await db().article.update({ where: { id: articleId }, data: { archivedAt: new Date() } });
});

describe('an archived article is read-only', () => {
  it('refuses creating, editing and deleting annotations, and removing relations, and changes nothing', async () => {
    const before = await db().annotation.findMany({ where: { articleId }, orderBy: { id: 'asc' } });
    const audits = await db().auditEvent.count();
    const archived = { ok: false, error: { code: 'conflict', message: expect.stringMatching(/archived/) } };
    expect(await createAnnotation(author, articleId, { kind: 'event', ...at('The council said') })).toMatchObject(archived);
    expect(await updateAnnotation(author, claimId, { version: 1, note: 'Too late.' })).toMatchObject(archived);
    expect(await deleteAnnotation(author, sourceId)).toMatchObject(archived);
    expect(await deleteRelation(author, relationId)).toMatchObject(archived);
    expect(await db().annotation.findMany({ where: { articleId }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await db().relation.count({ where: { id: relationId } })).toBe(1);
    expect(await db().auditEvent.count()).toBe(audits);
  });
});
