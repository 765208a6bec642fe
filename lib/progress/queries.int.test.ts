import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { annotatorProgress, articleProgress, reviewerProgress } from './queries.ts';
import { OTHER_REASON } from './reasons.ts';
import { progressQuerySchema } from './schemas.ts';

const TEXT = 'The mayor said the tram line opens in June, a city report shows.';
const NOW = new Date('2025-06-30T12:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const all = progressQuerySchema.parse({});

let ana: string, bo: string, rae: string, sam: string;
let tram: string, quay: string, archived: string;

async function user(role: Role, name: string) {
  return (await db().user.create({ data: { email: `${name.toLowerCase()}@progress.example`, name, role, passwordHash: 'x' } })).id;
}
async function article(title: string, archivedAt: Date | null = null) {
  return (await db().article.create({ data: { title, text: TEXT, contentHash: `progress-${title}`, archivedAt } })).id;
}
let n = 0;
async function annotation(
  articleId: string,
  authorId: string,
  kind: 'claim' | 'event' | 'source',
  status: 'pending' | 'approved' | 'rejected',
  createdAt: Date,
) {
  const start = n++ % 10;
  return (await db().annotation.create({ data: { articleId, authorId, kind, status, start, end: start + 3, exact: TEXT.slice(start, start + 3), createdAt } }))
    .id;
}
let version = 100;
async function decide(annotationId: string, reviewerId: string, decision: 'approve' | 'reject', createdAt: Date, comment: string | null = null) {
  await db().reviewDecision.create({ data: { annotationId, reviewerId, decision, comment, annotationVersion: version++, createdAt } });
}

beforeAll(async () => {
  ana = await user('RESEARCHER', 'Ana');
  bo = await user('RESEARCHER', 'Bo');
  rae = await user('REVIEWER', 'Rae');
  sam = await user('ADMIN', 'Sam');
  tram = await article('Tram');
  quay = await article('Quay');
  archived = await article('Archived', daysAgo(1));

  // Tram: Ana 2 claims (approved, rejected), 1 event pending; Bo 1 source approved.
  const a1 = await annotation(tram, ana, 'claim', 'approved', daysAgo(40));
  const a2 = await annotation(tram, ana, 'claim', 'rejected', daysAgo(20));
  await annotation(tram, ana, 'event', 'pending', daysAgo(2));
  const b1 = await annotation(tram, bo, 'source', 'approved', daysAgo(3));
  // Quay: Bo one claim, rejected earlier, revised and now pending again.
  const b2 = await annotation(quay, bo, 'claim', 'pending', daysAgo(10));
  // Archived: never counted.
  const x1 = await annotation(archived, ana, 'claim', 'rejected', daysAgo(5));

  await decide(a1, rae, 'approve', daysAgo(35));
  await decide(a2, rae, 'reject', daysAgo(15), 'Wrong kind: an event');
  await decide(b1, sam, 'approve', daysAgo(2));
  await decide(b2, rae, 'reject', daysAgo(5), 'Wrong kind');
  await decide(b2, sam, 'reject', daysAgo(1), 'Too vague for me');
  await decide(x1, rae, 'reject', daysAgo(4), 'Duplicate of another annotation');
});

describe('articleProgress', () => {
  it('counts by kind and status per article, most annotated first, with the share reviewed; archived left out', async () => {
    expect(await articleProgress(all)).toEqual([
      { id: tram, title: 'Tram', total: 4, claims: 2, events: 1, sources: 1, pending: 1, approved: 2, rejected: 1, reviewedShare: 0.75 },
      { id: quay, title: 'Quay', total: 1, claims: 1, events: 0, sources: 0, pending: 1, approved: 0, rejected: 0, reviewedShare: 0 },
    ]);
  });

  it('filters by the day annotations were created (both ends inclusive)', async () => {
    const rows = await articleProgress(progressQuerySchema.parse({ from: daysAgo(20).toISOString().slice(0, 10), to: daysAgo(3).toISOString().slice(0, 10) }));
    expect(rows.map((r) => [r.title, r.total, r.claims, r.sources])).toEqual([
      ['Tram', 2, 1, 1],
      ['Quay', 1, 1, 0],
    ]);
  });
});

describe('annotatorProgress', () => {
  it('counts created and status, the approval rate over decided ones, and every rejection by preset', async () => {
    expect(await annotatorProgress(all)).toEqual([
      { id: ana, name: 'Ana', created: 3, pending: 1, approved: 1, rejected: 1, approvalRate: 0.5, rejectionReasons: [{ reason: 'Wrong kind', count: 1 }] },
      {
        id: bo,
        name: 'Bo',
        created: 2,
        pending: 1,
        approved: 1,
        rejected: 0,
        approvalRate: 1,
        rejectionReasons: [
          { reason: OTHER_REASON, count: 1 },
          { reason: 'Wrong kind', count: 1 },
        ],
      },
    ]);
  });

  it('has no rate before any decision, and no rows outside the range', async () => {
    const recent = await annotatorProgress(progressQuerySchema.parse({ from: daysAgo(2).toISOString().slice(0, 10) }));
    expect(recent).toEqual([{ id: ana, name: 'Ana', created: 1, pending: 1, approved: 0, rejected: 0, approvalRate: null, rejectionReasons: [] }]);
    expect(await annotatorProgress(progressQuerySchema.parse({ to: '2000-01-01' }))).toEqual([]);
  });
});

describe('reviewerProgress', () => {
  it('counts decisions, the 7- and 30-day windows before now, approvals and rejections; archived left out', async () => {
    expect(await reviewerProgress(all, NOW)).toEqual([
      { id: rae, name: 'Rae', decisions: 3, last7Days: 1, last30Days: 2, approvals: 1, rejections: 2, lastDecisionAt: daysAgo(5) },
      { id: sam, name: 'Sam', decisions: 2, last7Days: 2, last30Days: 2, approvals: 1, rejections: 1, lastDecisionAt: daysAgo(1) },
    ]);
  });

  it('filters by the day decisions were made', async () => {
    const rows = await reviewerProgress(
      progressQuerySchema.parse({ from: daysAgo(16).toISOString().slice(0, 10), to: daysAgo(3).toISOString().slice(0, 10) }),
      NOW,
    );
    expect(rows).toEqual([{ id: rae, name: 'Rae', decisions: 2, last7Days: 1, last30Days: 2, approvals: 0, rejections: 2, lastDecisionAt: daysAgo(5) }]);
  });
});

describe('the query plans', () => {
  it('reads the per-article figures from an index that leads with the article', async () => {
    // A table this small is read whole; forbid that to see which index the planner can use.
    const rows = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT "articleId", count(*) FILTER (WHERE "kind" = 'CLAIM') FROM "Annotation" GROUP BY "articleId"`,
      );
    });
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    // (articleId, status, kind) answers it from the index alone; on a tiny table the planner may
    // as well take the queue's (articleId, status, createdAt, id). Either walks by article.
    expect(plan).toMatch(/Index (Only )?Scan using "Annotation_articleId_status_/);
  });
});
