import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, updateAnnotation } from '@/lib/annotations/mutations.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import type { Result } from '@/lib/result.ts';
import { reviewAnnotation } from './mutations.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = 'The mayor said the tram line opens in June, a city report shows.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote });
const TRIALS = 30;
let articleId: string;
let author: Actor;
let reviewer: Actor;

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Tram', text: TEXT, contentHash: 'edit-race-tram' } })).id;
  author = await createActor('RESEARCHER', 'author@edit-race.example');
  reviewer = await createActor('REVIEWER', 'reviewer@edit-race.example');
});

const outcome = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('a decision on version 1 racing the author’s substantive edit to version 2', () => {
  it('never leaves a status judged on a version nobody judged: the decision lands on v1 (and the edit sends v2 back to pending) or gets 409 with v2', async () => {
    const counts = new Map<string, number>();
    const wrong: string[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const created = await createAnnotation(author, articleId, { kind: 'claim', ...at('the tram line opens in June') });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.value.id;
      const decision = trial % 2 === 0 ? ({ decision: 'approve', comment: null } as const) : ({ decision: 'reject', comment: 'Not a claim' } as const);
      const decide = () => reviewAnnotation(reviewer, id, { ...decision, version: 1 });
      const edit = () => updateAnnotation(author, id, { version: 1, ...at('tram line opens in June') });
      // Alternate which one is sent first.
      const [review, edited] = trial % 4 < 2 ? await Promise.all([decide(), edit()]) : await Promise.all([edit(), decide()]).then(([e, r]) => [r, e] as const);

      const stored = await db().annotation.findUniqueOrThrow({
        where: { id },
        select: { status: true, version: true, decisions: { select: { annotationVersion: true } } },
      });
      const judged = stored.status !== 'pending';
      const label = `review ${outcome(review)}, edit ${outcome(edited)}, ${stored.status} at v${stored.version}${judged && !stored.decisions.some((d) => d.annotationVersion === stored.version) ? ' (no decision on it)' : ''}`;
      counts.set(label, (counts.get(label) ?? 0) + 1);

      if (!review.ok) {
        // The loser sees what it lost to: the edited annotation, pending, with no decision.
        const lost = review.error.current as { annotation: { version: number; status: string }; decision: unknown };
        if (lost.annotation.version !== 2 || lost.annotation.status !== 'pending' || lost.decision !== null || stored.decisions.length > 0)
          wrong.push(`trial ${trial}: 409 with ${JSON.stringify(lost)}`);
      } else if (edited.ok) {
        // The edit came second: its audit shows the judged status it replaced.
        const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'annotation.update' } });
        if ((audit.before as { status: string }).status !== review.value.annotation.status)
          wrong.push(`trial ${trial}: edit audited as before ${JSON.stringify(audit.before)}`);
      }
    }
    console.log(`[edit-race] ${TRIALS} trials:`, Object.fromEntries(counts));
    // Every trial ends pending at v2: either the decision lost, or the edit sent the judged v1 back to review.
    const consistent = (counts.get('review ok, edit ok, pending at v2') ?? 0) + (counts.get('review conflict, edit ok, pending at v2') ?? 0);
    expect(consistent, JSON.stringify(Object.fromEntries(counts))).toBe(TRIALS);
    expect(wrong).toEqual([]);
  });
});
