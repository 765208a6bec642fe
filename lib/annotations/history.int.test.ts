import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '@/lib/auth/policy.ts';
import { createComment } from '@/lib/comments/mutations.ts';
import { db } from '@/lib/db.ts';
import { createRelation, deleteRelation } from '@/lib/relations/mutations.ts';
import { reviewAnnotation } from '@/lib/review/mutations.ts';
import { describeHistoryItem } from './history-diff.ts';
import { getAnnotationHistory } from './queries.ts';
import { createAnnotation, updateAnnotation } from './mutations.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = 'The mayor said the tram line opens in June, a city report shows.';
let articleId: string;
let ana: Actor;
let ben: Actor;

const user = (role: Role, name: string) => createActor(role, `${name.toLowerCase()}@history.example`, name);

const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Tram', text: TEXT, contentHash: 'history-hash' } })).id;
  ana = await user('RESEARCHER', 'Ana');
  ben = await user('REVIEWER', 'Ben');
});

describe('getAnnotationHistory', () => {
  it('answers null for an unknown annotation', async () => {
    expect(await getAnnotationHistory('nosuchannotation')).toBeNull();
  });

  it('reads the whole timeline from the audit trail, in order, each edit field by field', async () => {
    const claim = must(
      await createAnnotation(ana, articleId, { kind: 'claim', ...span('the tram line opens'), note: 'Check the date', attributes: { type: 'prediction' } }),
    );
    const source = must(await createAnnotation(ana, articleId, { kind: 'source', ...span('a city report') }));
    must(await updateAnnotation(ana, claim.id, { version: 1, note: 'Date is in the report', ...span('the tram line opens in June') }));
    must(await reviewAnnotation(ben, claim.id, { decision: 'reject', comment: 'Wrong kind', version: 2 }));
    must(await updateAnnotation(ana, claim.id, { version: 2, attributes: { type: 'factual', checkworthy: true } }));
    must(await reviewAnnotation(ben, claim.id, { decision: 'approve', comment: null, version: 3 }));
    const comment = must(await createComment(ana, claim.id, { body: 'Thanks, fixed.' }));
    const link = must(await createRelation(ana, { fromId: claim.id, toId: source.id, type: 'attributed_to' }));
    must(await deleteRelation(ana, link.id));

    const history = await getAnnotationHistory(claim.id);
    expect(history).not.toBeNull();
    const items = history!.items;
    const actorOf = (a: Actor) => ({ id: a.id, name: a.id === ana.id ? 'Ana' : 'Ben' });
    expect(items.map((i) => i.type)).toEqual(['created', 'edited', 'decided', 'edited', 'decided', 'commented', 'linked', 'unlinked']);
    expect(items.map((i) => i.at.getTime())).toEqual(items.map((i) => i.at.getTime()).sort((a, b) => a - b));

    expect(items[0]).toMatchObject({
      type: 'created',
      actor: actorOf(ana),
      kind: 'claim',
      span: { exact: 'the tram line opens' },
      note: 'Check the date',
      attributes: { type: 'prediction' },
      version: 1,
    });
    expect(items[1]).toMatchObject({
      type: 'edited',
      actor: actorOf(ana),
      version: 2,
      changes: [
        {
          field: 'span',
          before: { ...span('the tram line opens'), exact: 'the tram line opens' },
          after: { ...span('the tram line opens in June'), exact: 'the tram line opens in June' },
        },
        { field: 'note', before: 'Check the date', after: 'Date is in the report' },
      ],
    });
    expect(items[2]).toMatchObject({ type: 'decided', actor: actorOf(ben), decision: 'reject', reason: 'Wrong kind', version: 2, status: 'rejected' });
    expect(items[3]).toMatchObject({
      type: 'edited',
      version: 3,
      changes: [
        { field: 'attributes', before: { type: 'prediction' }, after: { type: 'factual', checkworthy: true } },
        { field: 'status', before: 'rejected', after: 'pending' },
      ],
    });
    expect(items[4]).toMatchObject({ type: 'decided', actor: actorOf(ben), decision: 'approve', reason: null, version: 3, status: 'approved' });
    expect(items[5]).toMatchObject({ type: 'commented', actor: actorOf(ana), commentId: comment.id, body: 'Thanks, fixed.' });
    expect(items[6]).toMatchObject({
      type: 'linked',
      relationId: link.id,
      relationType: 'attributed_to',
      direction: 'from',
      other: { id: source.id, kind: 'source', exact: 'a city report' },
    });
    expect(items[7]).toMatchObject({ type: 'unlinked', relationId: link.id, direction: 'from' });

    expect(items.map(describeHistoryItem)).toEqual([
      'Ana created this claim on “the tram line opens” with the note “Check the date”',
      'Ana moved the span from “the tram line opens” to “the tram line opens in June”; changed the note from “Check the date” to “Date is in the report”',
      'Ben rejected version 2: “Wrong kind”',
      'Ana set checkworthy to yes; changed type from “prediction” to “factual”; it went back to pending',
      'Ben approved version 3',
      'Ana commented: “Thanks, fixed.”',
      'Ana attributed it to the source “a city report”',
      'Ana unlinked it from the source “a city report” (attributed to)',
    ]);

    // The other end sees the same link from its side, and nothing of the claim's edits.
    const sourceHistory = await getAnnotationHistory(source.id);
    expect(sourceHistory!.items.map((i) => i.type)).toEqual(['created', 'linked', 'unlinked']);
    expect(sourceHistory!.items[1]).toMatchObject({ direction: 'to', other: { id: claim.id, kind: 'claim', exact: 'the tram line opens in June' } });
    expect(describeHistoryItem(sourceHistory!.items[1]!)).toBe('Ana attributed the claim “the tram line opens in June” to it');
  });

  it('keeps an entry whose actor was deleted, and a link whose other end is gone', async () => {
    const temp = await user('RESEARCHER', 'Temp');
    const claim = must(await createAnnotation(ana, articleId, { kind: 'claim', ...span('The mayor said') }));
    const other = must(await createAnnotation(temp, articleId, { kind: 'source', ...span('The mayor') }));
    must(await createRelation(temp, { fromId: claim.id, toId: other.id, type: 'attributed_to' }));
    await db().annotation.delete({ where: { id: other.id } });
    await db().auditEvent.updateMany({ where: { actorId: temp.id }, data: { actorId: null } });
    const items = (await getAnnotationHistory(claim.id))!.items;
    expect(items.map((i) => i.type)).toEqual(['created', 'linked']);
    expect(items[1]).toMatchObject({ actor: null, other: null });
    expect(describeHistoryItem(items[1]!)).toBe('A deleted user attributed it to an annotation since deleted');
  });
});
