import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, updateAnnotation } from '@/lib/annotations/mutations.ts';
import type { AnnotationView } from '@/lib/annotations/model.ts';
import type { Actor, Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createRelation } from '@/lib/relations/mutations.ts';
import { parseInput } from '@/lib/validation.ts';
import { encodeQueueCursor, reviewQueueQuerySchema, reviewSchema } from './schemas.ts';
import { bulkApprove, reviewAnnotation } from './mutations.ts';
import { countReviewQueue, decisionsSince, listReviewQueue, rejectedForAuthor, reviewQueueSql } from './queries.ts';

const TEXT =
  'Storm warning. The mayor said the tram line opens in June, a city report shows. “Wave 🌊 hits Kaminose,” said 佐藤 美咲.\n\n台风来了。市长说电车六月开通！';
let articleId: string;
let author: Actor & { name: string };
let reviewer: Actor & { name: string };
let reviewer2: Actor & { name: string };
let researcher: Actor & { name: string };
let admin: Actor & { name: string };

async function user(role: Role, email: string) {
  const row = await db().user.create({ data: { email, name: `Name ${email.split('@')[0]}`, role, passwordHash: 'x' } });
  return { id: row.id, role, disabled: false, name: row.name };
}

async function annotate(who: Actor, quote: string, kind: 'claim' | 'event' | 'source' = 'claim', article = articleId, text = TEXT): Promise<AnnotationView> {
  const start = text.indexOf(quote);
  const created = await createAnnotation(who, article, { kind, start, end: start + quote.length });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

const review = (input: unknown) => {
  const parsed = parseInput(reviewSchema, input);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};
const query = (q: Record<string, string> = {}) => {
  const parsed = parseInput(reviewQueueQuerySchema, q);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Tram', text: TEXT, contentHash: 'review-tram' } })).id;
  author = await user('RESEARCHER', 'author@review.example');
  reviewer = await user('REVIEWER', 'ana@review.example');
  reviewer2 = await user('REVIEWER', 'bo@review.example');
  researcher = await user('RESEARCHER', 'res@review.example');
  admin = await user('ADMIN', 'admin@review.example');
});

describe('reviewAnnotation', () => {
  it('records an approval with reviewer, time, version and no comment; sets the status, keeps the version, audits', async () => {
    const a = await annotate(author, 'the tram line opens in June');
    const result = await reviewAnnotation(reviewer, a.id, review({ decision: 'approve', version: 1 }));
    expect(result).toMatchObject({
      ok: true,
      value: {
        annotation: { id: a.id, status: 'approved', version: 1 },
        decision: {
          annotationId: a.id,
          decision: 'approve',
          comment: null,
          annotationVersion: 1,
          reviewer: { id: reviewer.id, name: reviewer.name },
          createdAt: expect.any(Date),
        },
      },
    });
    const stored = await db().reviewDecision.findMany({ where: { annotationId: a.id } });
    expect(stored).toMatchObject([{ reviewerId: reviewer.id, decision: 'approve', annotationVersion: 1, comment: null }]);
    const audit = await db().auditEvent.findMany({ where: { entityId: a.id, action: 'annotation.review' } });
    expect(audit).toMatchObject([
      {
        actorId: reviewer.id,
        entity: 'Annotation',
        before: { status: 'pending', version: 1 },
        after: { status: 'approved', version: 1, decisionId: stored[0]!.id },
      },
    ]);
  });

  it('records a rejection with its reason, and refuses one without a reason (nothing written)', async () => {
    const a = await annotate(author, 'a city report shows', 'source');
    expect(parseInput(reviewSchema, { decision: 'reject', version: 1 })).toMatchObject({
      ok: false,
      error: { fieldErrors: { comment: ['Give a reason for the rejection.'] } },
    });
    expect(await reviewAnnotation(reviewer, a.id, { decision: 'reject', comment: null, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Give a reason for the rejection.' },
    });
    expect(await db().reviewDecision.count({ where: { annotationId: a.id } })).toBe(0);

    const result = await reviewAnnotation(reviewer, a.id, review({ decision: 'reject', comment: 'Wrong kind', version: 1 }));
    expect(result).toMatchObject({
      ok: true,
      value: { annotation: { status: 'rejected', version: 1 }, decision: { decision: 'reject', comment: 'Wrong kind' } },
    });
  });

  it('refuses self-review, a researcher, and an unknown annotation, writing nothing', async () => {
    const own = await annotate(reviewer, 'Storm warning', 'event');
    const theirs = await annotate(author, 'Storm', 'event');
    const before = await db().auditEvent.count();
    expect(await reviewAnnotation(reviewer, own.id, review({ decision: 'approve', version: 1 }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You cannot review your own annotation.' },
    });
    expect(await reviewAnnotation(researcher, theirs.id, review({ decision: 'approve', version: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await reviewAnnotation({ ...admin, id: admin.id, disabled: true }, theirs.id, review({ decision: 'approve', version: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await reviewAnnotation(reviewer, 'nosuchannotation', review({ decision: 'approve', version: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await db().reviewDecision.count({ where: { annotationId: { in: [own.id, theirs.id] } } })).toBe(0);
    expect(await db().auditEvent.count()).toBe(before);
    expect((await db().annotation.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('pending');
  });

  it('lets one of two reviewers deciding at once win; the other gets a 409 carrying the winner’s decision', async () => {
    const a = await annotate(author, 'said 佐藤 美咲');
    const [first, second] = await Promise.all([
      reviewAnnotation(reviewer, a.id, review({ decision: 'approve', version: 1 })),
      reviewAnnotation(reviewer2, a.id, review({ decision: 'reject', comment: 'Misattributed: the source is wrong', version: 1 })),
    ]);
    const winner = [first, second].find((r) => r.ok);
    const loser = [first, second].find((r) => !r.ok);
    expect(winner && loser).toBeTruthy();
    if (!winner?.ok || !loser || loser.ok) throw new Error('expected one winner and one loser');
    const won = winner.value.decision;
    expect(loser.error).toEqual({
      code: 'conflict',
      message: `${won.reviewer.name} already ${won.decision === 'approve' ? 'approved' : 'rejected'} this version.`,
      current: { annotation: expect.objectContaining({ id: a.id, version: 1, status: won.decision === 'approve' ? 'approved' : 'rejected' }), decision: won },
    });
    expect(await db().reviewDecision.count({ where: { annotationId: a.id } })).toBe(1);
    // A third decision on the judged version is refused the same way.
    expect(await reviewAnnotation(admin, a.id, review({ decision: 'approve', version: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', current: { decision: { id: won.id } } },
    });
  });

  it('refuses a stale version with the current annotation and its latest decision', async () => {
    const a = await annotate(author, 'Wave 🌊 hits Kaminose', 'event');
    const edited = await updateAnnotation(author, a.id, { version: 1, note: 'Check the date.' });
    expect(edited.ok).toBe(true);
    expect(await reviewAnnotation(reviewer, a.id, review({ decision: 'approve', version: 1 }))).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'This annotation changed since you loaded it.',
        current: { annotation: expect.objectContaining({ id: a.id, version: 2, note: 'Check the date.' }), decision: null },
      },
    });
    expect(await db().reviewDecision.count({ where: { annotationId: a.id } })).toBe(0);
    expect(await reviewAnnotation(reviewer, a.id, review({ decision: 'approve', version: 2 }))).toMatchObject({
      ok: true,
      value: { annotation: { version: 2, status: 'approved' } },
    });
  });

  it('refuses a decision on an annotation of an archived article', async () => {
    const archived = await db().article.create({ data: { title: 'Old', text: 'An old story about a flood.', contentHash: 'review-old' } });
    const a = await annotate(author, 'a flood', 'event', archived.id, 'An old story about a flood.');
    await db().article.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    expect(await reviewAnnotation(reviewer, a.id, review({ decision: 'approve', version: 1 }))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('the feedback loop', () => {
  it('a rejection reaches its author; their edit returns it to pending and to the queue, where it can be approved', async () => {
    const article = await db().article.create({
      data: { title: 'Loop', text: 'The bridge will reopen on Monday, engineers said.', contentHash: 'review-loop' },
    });
    const since = new Date(Date.now() - 1);
    const a = await annotate(researcher, 'The bridge will reopen', 'claim', article.id, 'The bridge will reopen on Monday, engineers said.');
    const inQueue = async () => (await listReviewQueue(reviewer, query({ articleId: article.id }))).items.map((i) => i.annotation.id);
    expect(await inQueue()).toEqual([a.id]);

    await reviewAnnotation(reviewer, a.id, review({ decision: 'reject', comment: 'The span is wrong (too long or too short)', version: 1 }));
    expect(await inQueue()).toEqual([]);
    expect(await decisionsSince(researcher.id, since)).toBe(1);
    expect(await decisionsSince(researcher.id, new Date(Date.now() + 1000))).toBe(0);
    const rejected = await rejectedForAuthor(researcher.id);
    expect(rejected).toMatchObject([
      {
        annotation: { id: a.id, status: 'rejected' },
        article: { id: article.id, title: 'Loop' },
        decision: { comment: 'The span is wrong (too long or too short)', annotationVersion: 1 },
      },
    ]);

    const text = 'The bridge will reopen on Monday, engineers said.';
    const revised = await updateAnnotation(researcher, a.id, { version: 1, start: 0, end: text.indexOf(',') });
    expect(revised).toMatchObject({ ok: true, value: { status: 'pending', version: 2 } });
    expect(await inQueue()).toEqual([a.id]);
    expect(await rejectedForAuthor(researcher.id)).toEqual([]);
    expect(await reviewAnnotation(reviewer, a.id, review({ decision: 'approve', version: 2 }))).toMatchObject({
      ok: true,
      value: { annotation: { status: 'approved', version: 2 } },
    });
    // The history keeps both decisions.
    expect(
      await db().reviewDecision.findMany({
        where: { annotationId: a.id },
        orderBy: { annotationVersion: 'asc' },
        select: { decision: true, annotationVersion: true },
      }),
    ).toEqual([
      { decision: 'reject', annotationVersion: 1 },
      { decision: 'approve', annotationVersion: 2 },
    ]);
  });
});

describe('bulkApprove', () => {
  it('approves each item on its own and reports the others', async () => {
    const fine = await annotate(author, 'city report', 'source');
    const stale = await annotate(author, 'Kaminose', 'event');
    await updateAnnotation(author, stale.id, { version: 1, note: 'edited' });
    const own = await annotate(reviewer, 'tram line', 'event');
    const { results } = await bulkApprove(reviewer, [
      { id: fine.id, version: 1 },
      { id: stale.id, version: 1 },
      { id: own.id, version: 1 },
      { id: 'nosuchannotation', version: 1 },
    ]);
    expect(results).toEqual([
      { id: fine.id, ok: true, annotation: expect.objectContaining({ id: fine.id, status: 'approved', version: 1 }) },
      {
        id: stale.id,
        ok: false,
        code: 'conflict',
        message: 'This annotation changed since you loaded it.',
        current: { annotation: expect.objectContaining({ version: 2 }), decision: null },
      },
      { id: own.id, ok: false, code: 'forbidden', message: 'You cannot review your own annotation.' },
      { id: 'nosuchannotation', ok: false, code: 'not_found', message: 'No such annotation.' },
    ]);
  });
});

describe('listReviewQueue', () => {
  let queueArticle: string;
  let other: string;
  const QTEXT = 'Alpha said one. Beta said two! Gamma said three? Delta said four.\n\nEpsilon 🌊 said five.';
  const made: AnnotationView[] = [];

  beforeAll(async () => {
    queueArticle = (await db().article.create({ data: { title: 'Queue', text: QTEXT, contentHash: 'review-queue' } })).id;
    other = (await db().article.create({ data: { title: 'Other', text: QTEXT, contentHash: 'review-queue-2' } })).id;
    const quotes = ['Alpha said one', 'Beta said two', 'Gamma said three', 'Delta said four', 'Epsilon 🌊 said five'];
    for (const [i, quote] of quotes.entries()) {
      made.push(await annotate(i % 2 ? researcher : author, quote, i === 4 ? 'event' : 'claim', queueArticle, QTEXT));
    }
    made.push(await annotate(reviewer, 'said', 'claim', queueArticle, QTEXT));
    // Same creation time for several rows: the id breaks the tie, and the keyset must not skip any.
    const tie = new Date('2020-01-01T00:00:00.000Z');
    await db().annotation.updateMany({ where: { id: { in: made.slice(1, 4).map((a) => a.id) } }, data: { createdAt: tie } });
    await db().annotation.update({ where: { id: made[0]!.id }, data: { createdAt: new Date('2019-12-31T23:59:59.999Z') } });
    await db().annotation.update({ where: { id: made[4]!.id }, data: { createdAt: new Date('2020-01-02T10:00:00.000Z') } });
    const src = await annotate(author, 'Beta', 'source', queueArticle, QTEXT);
    await db().annotation.update({ where: { id: src.id }, data: { status: 'approved' } });
    expect(await createRelation(author, { fromId: made[2]!.id, toId: src.id, type: 'attributed_to' })).toMatchObject({ ok: true });
    // An archived article's annotations never queue.
    await annotate(author, 'Alpha', 'claim', other, QTEXT);
    await db().article.update({ where: { id: other }, data: { archivedAt: new Date() } });
  });

  const ids = (items: { annotation: AnnotationView }[]) => items.map((i) => i.annotation.id);
  const tied = () =>
    made
      .slice(1, 4)
      .map((a) => a.id)
      .sort();

  it('lists pending annotations of others, oldest first (ties by id), with context and relations', async () => {
    const page = await listReviewQueue(reviewer, query({ articleId: queueArticle }));
    expect(ids(page.items)).toEqual([made[0]!.id, ...tied(), made[4]!.id]);
    expect(page.nextCursor).toBeNull();
    const beta = page.items.find((i) => i.annotation.id === made[1]!.id)!;
    expect(beta).toMatchObject({
      article: { id: queueArticle, title: 'Queue' },
      context: { before: '', after: '!' },
      annotation: { author: { id: researcher.id }, status: 'pending' },
    });
    const gamma = page.items.find((i) => i.annotation.id === made[2]!.id)!;
    expect(gamma.relations).toEqual([
      {
        id: expect.any(String),
        type: 'attributed_to',
        direction: 'outgoing',
        other: { id: expect.any(String), kind: 'source', exact: 'Beta', status: 'approved' },
        author: { id: author.id, name: author.name },
      },
    ]);
    const epsilon = page.items.find((i) => i.annotation.id === made[4]!.id)!;
    expect(epsilon.context).toEqual({ before: '', after: '.' });
    // Another reviewer sees the reviewer's own annotation; the reviewer does not.
    expect(ids((await listReviewQueue(reviewer2, query({ articleId: queueArticle }))).items)).toContain(made[5]!.id);
  });

  it('reads the whole text for the context when many emoji come before a quote', async () => {
    const text = `${'🌊'.repeat(700)}. The dam held, engineers said.`;
    const dense = await db().article.create({ data: { title: 'Dense', text, contentHash: 'review-dense' } });
    const a = await annotate(author, 'The dam held', 'claim', dense.id, text);
    expect((await listReviewQueue(reviewer, query({ articleId: dense.id }))).items).toMatchObject([
      { annotation: { id: a.id }, context: { before: '', after: ', engineers said.' } },
    ]);
  });

  it('pages by keyset without duplicates or gaps, across equal creation times', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listReviewQueue(reviewer, query({ articleId: queueArticle, limit: '2', ...(cursor ? { cursor } : {}) }));
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([made[0]!.id, ...tied(), made[4]!.id]);
  });

  it('filters by kind, author and creation day, and leaves out archived articles', async () => {
    expect(ids((await listReviewQueue(reviewer, query({ articleId: queueArticle, kind: 'event' }))).items)).toEqual([made[4]!.id]);
    expect(ids((await listReviewQueue(reviewer, query({ articleId: queueArticle, authorId: researcher.id }))).items).sort()).toEqual(
      [made[1]!.id, made[3]!.id].sort(),
    );
    expect(ids((await listReviewQueue(reviewer, query({ articleId: queueArticle, from: '2020-01-01', to: '2020-01-01' }))).items)).toEqual(tied());
    expect(ids((await listReviewQueue(reviewer, query({ articleId: queueArticle, from: '2020-01-02' }))).items)).toEqual([made[4]!.id]);
    expect(ids((await listReviewQueue(reviewer, query({ articleId: queueArticle, to: '2019-12-31' }))).items)).toEqual([made[0]!.id]);
    expect((await listReviewQueue(reviewer, query({ articleId: other }))).items).toEqual([]);
    const all = await listReviewQueue(admin, query({ limit: '100' }));
    expect(all.items.every((i) => i.annotation.status === 'pending' && i.annotation.author.id !== admin.id && i.article.id !== other)).toBe(true);
    expect(await countReviewQueue(admin)).toBe(all.items.length);
    // Capped, it stops counting after cap + 1 rows: the dashboard shows "cap+".
    expect(await countReviewQueue(admin, 1)).toBe(Math.min(all.items.length, 2));
    expect(await countReviewQueue(reviewer)).toBe((await listReviewQueue(reviewer, query({ limit: '100' }))).items.length);
  });

  it('uses the queue indexes (EXPLAIN)', async () => {
    await db().$executeRawUnsafe('SET enable_seqscan = off');
    try {
      const cursor = encodeQueueCursor({ createdAt: '2020-01-01T00:00:00.000Z', id: 'a' });
      for (const q of [query(), query({ kind: 'claim', cursor }), query({ authorId: author.id, cursor })]) {
        const sql = reviewQueueSql(reviewer, q);
        const plan = (await db().$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql.text}`, ...sql.values)).map((r) => r['QUERY PLAN']).join('\n');
        if (process.env.SHOW_PLANS) console.log(plan);
        expect(plan).toMatch(/Annotation_(status_createdAt_id|status_kind_createdAt_id|authorId_status_createdAt_id)_idx/);
      }
    } finally {
      await db().$executeRawUnsafe('SET enable_seqscan = on');
    }
  });
});
