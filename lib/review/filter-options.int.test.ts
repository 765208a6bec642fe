import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { queueFilterOptions } from './queries.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

const user = (role: Role, name: string) => createActor(role, `${name.toLowerCase()}@options.example`, name);

async function article(title: string, archived = false) {
  const text = `${title}: the council said the bridge reopens in May.`;
  return db().article.create({ data: { title, text, contentHash: `options-${title}`, archivedAt: archived ? new Date() : null } });
}

async function annotate(articleId: string, authorId: string, status: 'pending' | 'approved') {
  return db().annotation.create({
    data: {
      articleId,
      authorId,
      kind: 'claim',
      start: 0,
      end: 5,
      exact: (await db().article.findUniqueOrThrow({ where: { id: articleId } })).text.slice(0, 5),
      status,
    },
  });
}

describe('queueFilterOptions', () => {
  it('offers the authors and articles with pending annotations in this reviewer’s queue, nothing else', async () => {
    const reviewer = await user('REVIEWER', 'Rita');
    const ana = await user('RESEARCHER', 'Ana');
    const ben = await user('RESEARCHER', 'Ben');
    const cy = await user('RESEARCHER', 'Cy');
    const open = await article('Bridge');
    const judged = await article('Tunnel');
    const ownOnly = await article('Ferry');
    const archived = await article('Old pier', true);
    await annotate(open.id, ana.id, 'pending');
    await annotate(open.id, ben.id, 'pending');
    await annotate(judged.id, cy.id, 'approved');
    await annotate(ownOnly.id, reviewer.id, 'pending');
    await annotate(archived.id, ben.id, 'pending');

    const options = await queueFilterOptions(reviewer);
    expect(options.authors.map((a) => a.name)).toEqual(['Ana', 'Ben']);
    expect(options.articles.map((a) => a.title)).toEqual(['Bridge']);
    // The article the queue is filtered by is offered even when the list would not hold it.
    expect((await queueFilterOptions(reviewer, judged.id)).articles.map((a) => a.title)).toEqual(['Bridge', 'Tunnel']);
    expect((await queueFilterOptions(reviewer, open.id)).articles.map((a) => a.title)).toEqual(['Bridge']);
    expect((await queueFilterOptions(reviewer, archived.id)).articles.map((a) => a.title)).toEqual(['Bridge']);
  });
});
