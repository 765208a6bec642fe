import { beforeAll, describe, expect, it } from 'vitest';
import { db } from './db.ts';

// The invariants docs/architecture.md "Data model and its invariants" asks the database itself to enforce, tried past the application code.
let authorId: string;
let articleId: string;
const TEXT = 'Wave 🌊 at 佐藤.'; // 🌊 is two UTF-16 units: the text is 14 units long but 13 code points.

beforeAll(async () => {
  authorId = (await db().user.create({ data: { email: 'inv@int.example', name: 'Inv', passwordHash: 'x' } })).id;
  articleId = (await db().article.create({ data: { title: 'T', text: TEXT, contentHash: 'hash-1' } })).id;
});

const annotation = (start: number, end: number) =>
  db().annotation.create({ data: { articleId, authorId, kind: 'claim', start, end, exact: TEXT.slice(start, end) } });

describe('database invariants', () => {
  it('has a unique content hash', async () => {
    await expect(db().article.create({ data: { title: 'Copy', text: 'other', contentHash: 'hash-1' } })).rejects.toThrow(/contentHash/);
  });

  it('refuses an empty article text', async () => {
    await expect(db().article.create({ data: { title: 'Empty', text: '', contentHash: 'hash-empty' } })).rejects.toThrow(/Article_text_check/);
  });

  it('keeps offsets ordered and inside the text, counted in UTF-16 units', async () => {
    expect(TEXT.length).toBe(14);
    await expect(annotation(0, TEXT.length)).resolves.toMatchObject({ end: 14 });
    await expect(annotation(5, 5)).rejects.toThrow(/Annotation_span_check/);
    await expect(annotation(6, 3)).rejects.toThrow(/Annotation_span_check/);
    await expect(annotation(-1, 3)).rejects.toThrow(/Annotation_span_check/);
    await expect(annotation(0, TEXT.length + 1)).rejects.toThrow(/past the end of the text/);
  });

  it('refuses a note over 10,000 characters and a version below 1', async () => {
    await expect(
      db().annotation.create({ data: { articleId, authorId, kind: 'event', start: 0, end: 4, exact: 'Wave', note: 'n'.repeat(10_001) } }),
    ).rejects.toThrow(/Annotation_note_check/);
    await expect(db().annotation.create({ data: { articleId, authorId, kind: 'event', start: 0, end: 4, exact: 'Wave', version: 0 } })).rejects.toThrow(
      /Annotation_version_check/,
    );
  });

  it('refuses a relation from an annotation to itself and duplicate relations', async () => {
    const a = await annotation(0, 4);
    const b = await annotation(5, 7);
    await expect(db().relation.create({ data: { fromId: a.id, toId: a.id, type: 'attributed_to', authorId } })).rejects.toThrow(/Relation_not_self_check/);
    await db().relation.create({ data: { fromId: a.id, toId: b.id, type: 'attributed_to', authorId } });
    await expect(db().relation.create({ data: { fromId: a.id, toId: b.id, type: 'attributed_to', authorId } })).rejects.toThrow(/Unique constraint/);
  });

  it('requires a reason to reject, and allows one decision per annotation version', async () => {
    const a = await annotation(0, 4);
    await expect(db().reviewDecision.create({ data: { annotationId: a.id, reviewerId: authorId, decision: 'reject', annotationVersion: 1 } })).rejects.toThrow(
      /ReviewDecision_reject_comment_check/,
    );
    await expect(
      db().reviewDecision.create({ data: { annotationId: a.id, reviewerId: authorId, decision: 'reject', comment: '   ', annotationVersion: 1 } }),
    ).rejects.toThrow(/ReviewDecision_reject_comment_check/);
    await db().reviewDecision.create({ data: { annotationId: a.id, reviewerId: authorId, decision: 'approve', annotationVersion: 1 } });
    await expect(
      db().reviewDecision.create({ data: { annotationId: a.id, reviewerId: authorId, decision: 'reject', comment: 'Wrong', annotationVersion: 1 } }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it('does not let a user with annotations be deleted, but deleting an article removes its annotations', async () => {
    const article = await db().article.create({ data: { title: 'Gone', text: 'Gone soon.', contentHash: 'hash-gone' } });
    await db().annotation.create({ data: { articleId: article.id, authorId, kind: 'source', start: 0, end: 4, exact: 'Gone' } });
    await expect(db().user.delete({ where: { id: authorId } })).rejects.toThrow(/Foreign key constraint/);
    await db().article.delete({ where: { id: article.id } });
    expect(await db().annotation.count({ where: { articleId: article.id } })).toBe(0);
  });
});
