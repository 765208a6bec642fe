import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '@/lib/auth/policy.ts';
import { createComment } from '@/lib/comments/mutations.ts';
import { db } from '@/lib/db.ts';
import { createRelation } from '@/lib/relations/mutations.ts';
import { getAnnotationDetail } from './queries.ts';
import type { CreateAnnotationInput } from './schemas.ts';
import { createAnnotation } from './mutations.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// A long source quote whose 199th and 200th UTF-16 units are one emoji: cutting there must not split it.
const LONG_SOURCE = `${'a'.repeat(198)}🌊${'b'.repeat(60)}`;
// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = `The council said the levee held. The storm hit on Friday. ${LONG_SOURCE}`;
let articleId: string;
let author: Actor;
let reviewer: Actor;

const user = (role: Role, email: string) => createActor(role, email, `Name of ${email}`);

async function annotate(kind: CreateAnnotationInput['kind'], quote: string) {
  const start = TEXT.indexOf(quote);
  const created = await createAnnotation(author, articleId, { kind, start, end: start + quote.length });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Levee', text: TEXT, contentHash: 'levee' } })).id;
  author = await user('RESEARCHER', 'author@detail.example');
  reviewer = await user('REVIEWER', 'reviewer@detail.example');
});

describe('getAnnotationDetail', () => {
  it('answers null for an unknown annotation', async () => {
    expect(await getAnnotationDetail('nosuchannotation')).toBeNull();
  });

  it('shows an annotation alone with empty relations, decisions and no comments', async () => {
    const claim = await annotate('claim', 'the levee held');
    expect(await getAnnotationDetail(claim.id)).toEqual({ ...claim, relations: [], decisions: [], commentCount: 0 });
  });

  it('carries relations in both directions, the review history newest first, and the comment count', async () => {
    const claim = await annotate('claim', 'The council said the levee held');
    const event = await annotate('event', 'The storm hit on Friday');
    const source = await annotate('source', LONG_SOURCE);
    const about = await createRelation(author, { fromId: claim.id, toId: event.id, type: 'about' });
    const reported = await createRelation(reviewer, { fromId: event.id, toId: source.id, type: 'reported_by' });
    if (!about.ok || !reported.ok) throw new Error('relations refused');
    await db().reviewDecision.create({
      data: {
        annotationId: event.id,
        reviewerId: reviewer.id,
        decision: 'reject',
        comment: 'Wrong day.',
        annotationVersion: 1,
        createdAt: new Date('2026-01-01T10:00:00Z'),
      },
    });
    await db().reviewDecision.create({
      data: { annotationId: event.id, reviewerId: reviewer.id, decision: 'approve', annotationVersion: 2, createdAt: new Date('2026-01-02T10:00:00Z') },
    });
    await db().annotation.update({ where: { id: event.id }, data: { status: 'approved', version: 2 } });
    await createComment(author, event.id, { body: 'Friday or Saturday?' });
    await createComment(reviewer, event.id, { body: 'Friday, per the wire.' });

    const detail = (await getAnnotationDetail(event.id))!;
    expect(detail).toMatchObject({
      id: event.id,
      kind: 'event',
      exact: 'The storm hit on Friday',
      status: 'approved',
      version: 2,
      unattributed: false,
      author: { id: author.id, name: 'Name of author@detail.example' },
      commentCount: 2,
    });
    expect(detail.relations).toEqual([
      {
        id: reported.value.id,
        type: 'reported_by',
        direction: 'outgoing',
        other: { id: source.id, kind: 'source', exact: `${'a'.repeat(198)}…`, status: 'pending' },
        author: { id: reviewer.id, name: 'Name of reviewer@detail.example' },
      },
      {
        id: about.value.id,
        type: 'about',
        direction: 'incoming',
        other: { id: claim.id, kind: 'claim', exact: 'The council said the levee held', status: 'pending' },
        author: { id: author.id, name: 'Name of author@detail.example' },
      },
    ]);
    expect(detail.decisions).toEqual([
      {
        id: expect.any(String),
        decision: 'approve',
        comment: null,
        annotationVersion: 2,
        reviewer: { id: reviewer.id, name: 'Name of reviewer@detail.example' },
        createdAt: new Date('2026-01-02T10:00:00Z'),
      },
      {
        id: expect.any(String),
        decision: 'reject',
        comment: 'Wrong day.',
        annotationVersion: 1,
        reviewer: { id: reviewer.id, name: 'Name of reviewer@detail.example' },
        createdAt: new Date('2026-01-01T10:00:00Z'),
      },
    ]);

    // The source's own detail shows the relation from its other end, and its quote whole.
    const sourceDetail = (await getAnnotationDetail(source.id))!;
    expect(sourceDetail.exact).toBe(LONG_SOURCE);
    expect(sourceDetail.relations).toEqual([
      expect.objectContaining({
        id: reported.value.id,
        direction: 'incoming',
        other: expect.objectContaining({ id: event.id, kind: 'event', status: 'approved' }),
      }),
    ]);
  });
});
