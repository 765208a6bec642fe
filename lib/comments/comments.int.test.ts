import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/mutations.ts';
import type { Actor, Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createCommentSchema } from './schemas.ts';
import { createComment } from './mutations.ts';
import { listComments } from './queries.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = 'The port will close for a week, the operator said.';
let annotationId: string;
let author: Actor;
let researcher: Actor;
let reviewer: Actor;

const user = (role: Role, email: string) => createActor(role, email, `Name of ${email}`);

const body = (text: string) => createCommentSchema.parse({ body: text });

beforeAll(async () => {
  const articleId = (await db().article.create({ data: { title: 'Port', text: TEXT, contentHash: 'port' } })).id;
  author = await user('RESEARCHER', 'author@comments.example');
  researcher = await user('RESEARCHER', 'researcher@comments.example');
  reviewer = await user('REVIEWER', 'reviewer@comments.example');
  const created = await createAnnotation(author, articleId, { kind: 'claim', start: 0, end: 30 });
  if (!created.ok) throw new Error(created.error.message);
  annotationId = created.value.id;
});

describe('comments', () => {
  it('starts with an empty thread, and answers null for an unknown annotation', async () => {
    expect(await listComments(annotationId)).toEqual([]);
    expect(await listComments('nosuchannotation')).toBeNull();
  });

  it('lets anyone comment on anyone’s annotation, trimmed, by the session user, audited; the thread reads oldest first', async () => {
    const first = await createComment(researcher, annotationId, body('  Which operator?\r\nThe article names two.  '));
    expect(first).toEqual({
      ok: true,
      value: {
        id: expect.any(String),
        annotationId,
        body: 'Which operator?\nThe article names two.',
        author: { id: researcher.id, name: 'Name of researcher@comments.example' },
        createdAt: expect.any(Date),
      },
    });
    const second = await createComment(reviewer, annotationId, body('The port authority.'));
    const third = await createComment(author, annotationId, body('Fixed, thanks.'));
    if (!first.ok || !second.ok || !third.ok) throw new Error('comment refused');
    expect((await listComments(annotationId))!.map((c) => c.id)).toEqual([first.value.id, second.value.id, third.value.id]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: first.value.id } });
    expect(audit).toMatchObject({
      actorId: researcher.id,
      action: 'comment.create',
      entity: 'Comment',
      after: { annotationId, body: 'Which operator?\nThe article names two.' },
    });
  });

  it('answers not_found for an unknown annotation and writes nothing', async () => {
    const before = [await db().comment.count(), await db().auditEvent.count()];
    expect(await createComment(researcher, 'nosuchannotation', body('Hello'))).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No such annotation.' },
    });
    expect([await db().comment.count(), await db().auditEvent.count()]).toEqual(before);
  });

  it('keeps the longest allowed comment whole, astral characters included', async () => {
    const longest = `${'🌊'.repeat(100)}${'x'.repeat(4800)}`;
    const created = await createComment(researcher, annotationId, body(longest));
    expect(created.ok && created.value.body).toBe(longest);
  });

  it('goes with its annotation when the annotation is deleted', async () => {
    await db().annotation.delete({ where: { id: annotationId } });
    expect(await db().comment.count({ where: { annotationId } })).toBe(0);
    expect(await listComments(annotationId)).toBeNull();
  });
});
