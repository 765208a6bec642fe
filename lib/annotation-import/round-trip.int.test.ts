import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase } from '@/scripts/lib/test-database.ts';
import { updateAnnotation } from '@/lib/annotations/mutations.ts';
import { db, disconnectDb } from '@/lib/db.ts';
import { jsonlLine } from '@/lib/export/jsonl.ts';
import { seedExport } from '@/lib/export/seed.test-data.ts';
import { exportItems } from '@/lib/export/queries.ts';
import { importAnnotatedRequest } from '@/lib/import-requests/import-annotated.ts';

/**
 * Issue 6's round trip: export JSONL (every status), import it into an empty database (the same
 * team's accounts, no articles), export again: the same bytes once ids are set aside. Then the
 * same file once more adds nothing.
 */

async function exportJsonl(): Promise<string> {
  let out = '';
  for await (const item of exportItems({ scope: 'all' })) out += jsonlLine(item);
  return out;
}

/** The export with every id replaced by its position: articles, annotations, authors, relation ends. */
function withoutIds(jsonl: string) {
  return jsonl
    .trimEnd()
    .split('\n')
    .map((line) => {
      const { article, annotations, relations } = JSON.parse(line);
      const position = new Map<string, number>(annotations.map((a: { id: string }, i: number) => [a.id, i]));
      return {
        article: { ...article, id: undefined },
        annotations: annotations.map((a: { id: string; author: object }) => ({ ...a, id: undefined, author: { ...a.author, id: undefined } })),
        relations: relations.map((r: { id: string; fromId: string; toId: string }) => ({
          ...r,
          id: undefined,
          fromId: position.get(r.fromId),
          toId: position.get(r.toId),
        })),
      };
    });
}

const request = (body: string) =>
  new Request('http://app.example/api/import/annotations', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });

const second = `newsmark_t_${randomBytes(6).toString('hex')}`;
const firstUrl = process.env.DATABASE_URL;
let exported = '';
let seed: Awaited<ReturnType<typeof seedExport>>;

beforeAll(async () => {
  seed = await seedExport();
  // An edit after review (version 2, back to pending), a note over two lines, an unattributed claim.
  const edited = await updateAnnotation(seed.author, seed.source.id, { version: 1, note: 'Named in\nthe report', attributes: { type: 'document' } });
  if (!edited.ok) throw new Error(edited.error.message);
  const marked = await updateAnnotation(seed.author, seed.rejected.id, { version: 1, unattributed: true });
  if (!marked.ok) throw new Error(marked.error.message);
  // Stored before the API refused C1 control characters: they leave the export as spaces, so it reads back.
  await db().annotation.update({ where: { id: seed.claim.id }, data: { note: 'Check\u0085the\u0080date', attributes: { type: 'factual' } } });
  await db().annotation.update({ where: { id: seed.stormSource.id }, data: { attributes: { type: 'organization', canonicalName: 'Harbour\u0085Office' } } });
  await db().reviewDecision.updateMany({ where: { annotationId: seed.rejected.id }, data: { comment: 'Not\u009fa claim' } });
  exported = await exportJsonl();

  // The empty instance: a fresh database with the team's accounts and nothing else.
  const users = await db().user.findMany({ select: { email: true, name: true, role: true } });
  await disconnectDb();
  process.env.DATABASE_URL = await cloneDatabase(second, inject('testServerUrl'));
  await db().user.createMany({ data: users.map((u) => ({ ...u, passwordHash: 'x' })) });
  await db().user.create({ data: { email: 'admin@example.org', name: 'Importing Admin', role: 'ADMIN', passwordHash: 'x' } });
});

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(second, inject('testServerUrl'));
  process.env.DATABASE_URL = firstUrl;
});

describe('JSONL round trip', () => {
  it('exports, imports into an empty database and exports the same annotations, ids aside', async () => {
    expect(exported).toContain('"note":"Check the date"');
    expect(exported).toContain('"canonicalName":"Harbour Office"');
    expect(exported).toContain('"comment":"Not a claim"');
    expect(exported).not.toMatch(/[\u0080-\u009f]/u);
    expect(await db().article.count()).toBe(0);
    const admin = await db().user.findUniqueOrThrow({ where: { email: 'admin@example.org' } });
    const outcome = await importAnnotatedRequest({ id: admin.id, role: 'ADMIN', disabled: false }, request(exported), { name: 'export.jsonl' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value).toMatchObject({ created: 2, duplicates: 0, failed: 0, annotations: 5, relations: 2 });

    const again = await exportJsonl();
    expect(withoutIds(again)).toEqual(withoutIds(exported));
    // Not just equal as data: byte for byte once the ids are blanked out.
    const blank = (s: string) => s.replace(/"(id|fromId|toId)":"[a-z0-9]+"/g, '"$1":""');
    expect(blank(again)).toBe(blank(exported));

    // What the comparison rests on is really there: statuses, decisions, versions, the flag, relations.
    const lines = again
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const annotations = lines.flatMap((l) => l.annotations);
    expect(annotations.map((a) => a.status).sort()).toEqual(['approved', 'approved', 'approved', 'pending', 'rejected']);
    expect(annotations.find((a) => a.exact === 'a city report')).toMatchObject({ version: 2, note: 'Named in\nthe report', attributes: { type: 'document' } });
    expect(annotations.find((a) => a.status === 'rejected')).toMatchObject({
      unattributed: true,
      decision: { decision: 'reject', comment: 'Not a claim', reviewer: { email: 'rev@example.org' } },
    });
    expect(lines.flatMap((l) => l.relations)).toHaveLength(2);
  });

  it('adds nothing when the same export is imported again', async () => {
    const admin = await db().user.findUniqueOrThrow({ where: { email: 'admin@example.org' } });
    const before = await db().annotation.count();
    const outcome = await importAnnotatedRequest({ id: admin.id, role: 'ADMIN', disabled: false }, request(exported), { name: 'export.jsonl' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value).toMatchObject({ created: 0, duplicates: 2, annotations: 0, relations: 0 });
    expect(outcome.value.results.every((r) => /already in the article/.test(r.warning ?? ''))).toBe(true);
    expect(await db().annotation.count()).toBe(before);
    expect(await db().relation.count()).toBe(2);
  });
});
