import { beforeAll, describe, expect, it } from 'vitest';
import type { CreateAnnotationInput } from '@/lib/annotations/schemas.ts';
import { ARCHIVED, createAnnotation, deleteAnnotation, updateAnnotation } from '@/lib/annotations/mutations.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { prng } from '@/lib/random/seeded.ts';
import { createRelation, deleteRelation } from '@/lib/relations/mutations.ts';
import type { Result } from '@/lib/result.ts';
import { reviewAnnotation } from '@/lib/review/mutations.ts';
import { setArticleArchived } from './mutations.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = 'The council said the ferry resumes in June, according to its spokesperson. Storms closed the harbour.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote });
const TRIALS = 40;
let author: Actor;
let reviewer: Actor;
let admin: Actor;

beforeAll(async () => {
  author = await createActor('RESEARCHER', 'author@archive-race.example');
  reviewer = await createActor('REVIEWER', 'reviewer@archive-race.example');
  admin = await createActor('ADMIN', 'admin@archive-race.example');
});

async function annotate(articleId: string, kind: CreateAnnotationInput['kind'], quote: string) {
  const created = await createAnnotation(author, articleId, { kind, ...at(quote) });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

/** An article with annotations to edit, review, link and delete, and a link to remove. */
async function setUp(trial: number) {
  const articleId = (await db().article.create({ data: { title: `Ferry ${trial}`, text: TEXT, contentHash: `archive-race-${trial}` } })).id;
  const edited = await times(2, () => annotate(articleId, 'claim', 'the ferry resumes in June'));
  const reviewed = await annotate(articleId, 'claim', 'The council said');
  const source = await annotate(articleId, 'source', 'its spokesperson');
  const deleted = await annotate(articleId, 'event', 'Storms closed the harbour');
  const link = await createRelation(author, { fromId: reviewed, toId: source, type: 'attributed_to' });
  if (!link.ok) throw new Error(link.error.message);
  return { articleId, edited, reviewed, source, deleted: [deleted], unlinked: [link.value.id] };
}

type Write = [string, () => Promise<Result<unknown>>];

/**
 * The writes racing the archive: 3 creates, 2 edits, a decision, a link, a deletion and an
 * unlink. With the archive that is 10, the pool's size, so none waits for a connection behind
 * another (which would line the archive up after them all).
 */
function writes({ articleId, edited, reviewed, source, deleted, unlinked }: Awaited<ReturnType<typeof setUp>>): Write[] {
  return [
    ...[0, 1, 2].map((i): Write => ['create', () => createAnnotation(author, articleId, { kind: 'event', ...at('Storms closed'), note: `${i}` })]),
    ...edited.map((id): Write => ['edit', () => updateAnnotation(author, id, { version: 1, note: 'Checked.' })]),
    ['review', () => reviewAnnotation(reviewer, reviewed, { decision: 'approve', comment: null, version: 1 })],
    ['link', () => createRelation(author, { fromId: edited[0]!, toId: source, type: 'attributed_to' })],
    ['delete', () => deleteAnnotation(author, deleted[0]!)],
    ['unlink', () => deleteRelation(author, unlinked[0]!)],
  ];
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** What was written to the article after its archivedAt: each a count that must stay 0. */
async function writtenAfter(articleId: string, archivedAt: Date, ids: { deleted: string[]; unlinked: string[] }) {
  const after = { gt: archivedAt };
  return {
    'annotations created': await db().annotation.count({ where: { articleId, createdAt: after } }),
    'annotations updated': await db().annotation.count({ where: { articleId, createdAt: { lte: archivedAt }, updatedAt: after } }),
    'decisions made': await db().reviewDecision.count({ where: { annotation: { articleId }, createdAt: after } }),
    'links made': await db().relation.count({ where: { from: { articleId }, createdAt: after } }),
    'annotations or links deleted': await db().auditEvent.count({
      where: { action: { in: ['annotation.delete', 'relation.delete'] }, entityId: { in: [...ids.deleted, ...ids.unlinked] }, createdAt: after },
    }),
  };
}

describe('archiving an article while writes to it are in flight', () => {
  it('lets each write land before the archive or be refused as archived, never after', async () => {
    const random = prng(11);
    const outcomes = new Map<string, number>();
    const count = (label: string) => outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
    const late = new Map<string, number>();
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const fixture = await setUp(trial);
      const before = await db().annotation.count({ where: { articleId: fixture.articleId } });
      const racing = shuffle(writes(fixture), random);
      // Each starts after its own random pause, up to about the time one write takes, so the
      // archive lands at a different point of the writes' reads and transactions in each trial.
      const later = <T>(run: () => Promise<T>) => new Promise<void>((resolve) => setTimeout(resolve, random() * 100)).then(run);
      const running = racing.map(([, run]) => later(run));
      const archived = await later(() => setArticleArchived(admin, fixture.articleId, true));
      expect(archived.ok).toBe(true);
      const settled = await Promise.allSettled(running);

      let created = 0;
      let removed = 0;
      let landed = 0;
      settled.forEach((s, i) => {
        const op = racing[i]![0];
        if (s.status === 'rejected') return count(`${op}: threw ${(s.reason as Error).message.slice(0, 120)}`);
        const r = s.value;
        if (r.ok) {
          landed += 1;
          if (op === 'create') created += 1;
          if (op === 'delete') removed += 1;
          return count(`${op}: ok`);
        }
        count(`${op}: ${r.error.message === ARCHIVED.error.message ? 'archived' : `${r.error.code} ${r.error.message}`}`);
      });
      // The race that was run: trials where some writes landed and others were refused.
      count(`trials: ${landed} of ${racing.length} landed`);

      const article = await db().article.findUniqueOrThrow({ where: { id: fixture.articleId }, select: { archivedAt: true } });
      if (!article.archivedAt) throw new Error('the archive did not happen');
      for (const [what, n] of Object.entries(await writtenAfter(fixture.articleId, article.archivedAt, fixture))) late.set(what, (late.get(what) ?? 0) + n);
      // What answered ok is there, and nothing else.
      expect(await db().annotation.count({ where: { articleId: fixture.articleId } })).toBe(before + created - removed);
    }
    const summary = Object.fromEntries([...outcomes].sort());
    console.log(`[archive-race] ${TRIALS} trials:`, summary, 'written after archivedAt:', Object.fromEntries(late));
    expect(Object.fromEntries(late)).toEqual({
      'annotations created': 0,
      'annotations updated': 0,
      'decisions made': 0,
      'links made': 0,
      'annotations or links deleted': 0,
    });
    // Each write either landed or was refused as archived: no deadlock, no other error.
    expect(Object.keys(summary).filter((k) => !/: (ok|archived|\d+ of \d+ landed)$/.test(k))).toEqual([]);
  });

  it('lets concurrent writers on one article all land, with no deadlock between the lock and the annotation count', async () => {
    const articleId = (await db().article.create({ data: { title: 'Busy', text: TEXT, contentHash: 'archive-race-busy' } })).id;
    const failures: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      const doomed = await times(10, () => annotate(articleId, 'event', 'Storms closed the harbour'));
      const edited = await times(10, () => annotate(articleId, 'claim', 'the ferry resumes in June'));
      // Creates and deletes both update the article's "ArticleAnnotationCount" row (a trigger) while holding the lock.
      const settled = await Promise.allSettled([
        ...Array.from({ length: 20 }, () => createAnnotation(author, articleId, { kind: 'source', ...at('its spokesperson') })),
        ...doomed.map((id) => deleteAnnotation(author, id)),
        ...edited.map((id) => updateAnnotation(author, id, { version: 1, ...at('ferry resumes') })),
      ]);
      for (const s of settled) {
        if (s.status === 'rejected') failures.push(String(s.reason));
        else if (!s.value.ok) failures.push(s.value.error.message);
      }
    }
    expect(failures).toEqual([]);
    const { count } = await db().articleAnnotationCount.findUniqueOrThrow({ where: { articleId } });
    expect(count).toBe(await db().annotation.count({ where: { articleId } }));
    expect(count).toBe(5 * (20 + 10));
  });
});
