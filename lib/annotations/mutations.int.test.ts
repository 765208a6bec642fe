import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createRelation } from '@/lib/relations/mutations.ts';
import { createAnnotation, deleteAnnotation, updateAnnotation } from './mutations.ts';
import { listAnnotations } from './queries.ts';
import { createActor } from '@/lib/users/actor.test-support.ts';

// Each test file seeds its own article and users, spelled out so the setup reads with its tests.
const TEXT = '“Wave 🌊 hits Kaminose,” said 佐藤 美咲, the harbour master.\n\nOfficials expect repairs by May.';
let articleId: string;
let author: Actor;
let other: Actor;

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Wave', text: TEXT, contentHash: 'wave-hash' } })).id;
  author = await createActor('RESEARCHER', 'author@ann.example');
  other = await createActor('REVIEWER', 'other@ann.example');
});

const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote });

async function claim(quote = 'Officials expect repairs by May') {
  const created = await createAnnotation(author, articleId, { kind: 'claim', ...span(quote), attributes: { type: 'prediction' } });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('createAnnotation', () => {
  it('stores the span with its context, as pending version 1 by the session user, and audits it', async () => {
    const a = await claim();
    expect(a).toMatchObject({
      kind: 'claim',
      exact: 'Officials expect repairs by May',
      status: 'pending',
      version: 1,
      author: { id: author.id },
      attributes: { type: 'prediction' },
    });
    expect(TEXT.endsWith(`${a.prefix}${a.exact}${a.suffix}`)).toBe(true);
    expect(await db().auditEvent.count({ where: { entityId: a.id, action: 'annotation.create' } })).toBe(1);
  });

  it('anchors a span containing an emoji, and refuses spans the text does not hold', async () => {
    const emoji = await createAnnotation(author, articleId, { kind: 'event', ...span('Wave 🌊 hits Kaminose') });
    expect(emoji.ok && emoji.value.exact).toBe('Wave 🌊 hits Kaminose');
    const wave = TEXT.indexOf('🌊');
    const before = await db().annotation.count();
    expect(await createAnnotation(author, articleId, { kind: 'event', start: wave + 1, end: wave + 6 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await createAnnotation(author, articleId, { kind: 'event', start: 0, end: TEXT.length + 5 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await createAnnotation(author, articleId, { kind: 'event', ...span('harbour'), exact: 'harbor' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { exact: expect.any(Array) } },
    });
    expect(await db().annotation.count()).toBe(before);
  });

  it('answers not_found for an unknown article', async () => {
    expect(await createAnnotation(author, 'nosuch', { kind: 'source', start: 0, end: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('updateAnnotation', () => {
  it('applies an edit at the current version, and refuses a stale one with the current annotation', async () => {
    const a = await claim('the harbour master');
    const edited = await updateAnnotation(author, a.id, { version: 1, note: 'Check the title.' });
    expect(edited).toMatchObject({ ok: true, value: { note: 'Check the title.', version: 2 } });
    const stale = await updateAnnotation(author, a.id, { version: 1, note: 'Lost edit' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', current: { version: 2, note: 'Check the title.' } } });
  });

  it('lets one of two racing edits from the same version win', async () => {
    const a = await claim('said 佐藤 美咲');
    const results = await Promise.all([
      updateAnnotation(author, a.id, { version: 1, note: 'one' }),
      updateAnnotation(author, a.id, { version: 1, note: 'two' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'conflict')).toHaveLength(1);
  });

  it('sends a judged annotation back to pending when its span, kind or attributes change, but not for a note', async () => {
    const a = await claim('repairs by May');
    await db().annotation.update({ where: { id: a.id }, data: { status: 'approved' } });
    const noted = await updateAnnotation(author, a.id, { version: 1, note: 'Just a note.' });
    expect(noted.ok && noted.value.status).toBe('approved');
    const moved = await updateAnnotation(author, a.id, { version: 2, ...span('expect repairs by May') });
    expect(moved.ok && [moved.value.status, moved.value.exact]).toEqual(['pending', 'expect repairs by May']);
  });

  it('resets attributes when the kind changes, validates them for the new kind, and audits before and after', async () => {
    const a = await claim('Kaminose');
    expect(await updateAnnotation(author, a.id, { version: 1, kind: 'source', attributes: { type: 'prediction' } })).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'attributes.type': expect.any(Array) } },
    });
    const changed = await updateAnnotation(author, a.id, { version: 1, kind: 'event' });
    expect(changed.ok && [changed.value.kind, changed.value.attributes]).toEqual(['event', {}]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: a.id, action: 'annotation.update' } });
    expect(audit.before).toMatchObject({ kind: 'claim', version: 1 });
    expect(audit.after).toMatchObject({ kind: 'event', version: 2 });
  });

  it('refuses edits and deletion by anyone but the author', async () => {
    const a = await claim('Officials');
    expect(await updateAnnotation(other, a.id, { version: 1, note: 'Mine now' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await deleteAnnotation(other, a.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await deleteAnnotation(author, a.id)).toEqual({ ok: true, value: null });
    expect(await db().annotation.count({ where: { id: a.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { entityId: a.id, action: 'annotation.delete' } })).toBe(1);
  });
});

describe('updateAnnotation: unattributed claims', () => {
  const stored = (id: string) =>
    db().annotation.findUniqueOrThrow({ where: { id }, select: { kind: true, unattributed: true, version: true, status: true, attributes: true } });
  const auditsOf = (id: string) => db().auditEvent.count({ where: { entityId: id } });

  it('marks a claim unattributed and clears it, versioned and audited, without sending an approved claim back to review', async () => {
    const a = await claim('hits Kaminose');
    expect(a.unattributed).toBe(false);
    await db().annotation.update({ where: { id: a.id }, data: { status: 'approved' } });
    const marked = await updateAnnotation(author, a.id, { version: 1, unattributed: true });
    expect(marked).toMatchObject({ ok: true, value: { unattributed: true, status: 'approved', version: 2 } });
    expect(await updateAnnotation(author, a.id, { version: 1, unattributed: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', current: { unattributed: true, version: 2 } },
    });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: a.id, action: 'annotation.update' } });
    expect(audit.before).toMatchObject({ unattributed: false, version: 1 });
    expect(audit.after).toMatchObject({ unattributed: true, version: 2 });
    expect(await updateAnnotation(author, a.id, { version: 2, unattributed: false })).toMatchObject({
      ok: true,
      value: { unattributed: false, status: 'approved', version: 3 },
    });
    expect((await listAnnotations(articleId))!.find((x) => x.id === a.id)).toMatchObject({ unattributed: false });
  });

  it('refuses the mark on an event or a source, and changes nothing', async () => {
    const created = await createAnnotation(author, articleId, { kind: 'source', ...span('the harbour master') });
    if (!created.ok) throw new Error(created.error.message);
    const before = [await stored(created.value.id), await auditsOf(created.value.id)];
    const refused = await updateAnnotation(author, created.value.id, { version: 1, unattributed: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Only a claim can be marked as unattributed.', fieldErrors: { unattributed: expect.any(Array) } },
    });
    const a = await claim('Wave 🌊');
    expect(await updateAnnotation(author, a.id, { version: 1, kind: 'event', unattributed: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect([await stored(created.value.id), await auditsOf(created.value.id)]).toEqual(before);
    expect(await stored(a.id)).toMatchObject({ kind: 'claim', version: 1 });
  });

  it('drops the mark when an unattributed claim becomes an event', async () => {
    const a = await claim('repairs');
    await updateAnnotation(author, a.id, { version: 1, unattributed: true });
    expect(await updateAnnotation(author, a.id, { version: 2, kind: 'event' })).toMatchObject({
      ok: true,
      value: { kind: 'event', unattributed: false, version: 3 },
    });
  });

  it('refuses the mark on a claim attributed to a source ("Remove its source first."), and changes nothing', async () => {
    const a = await claim('Officials expect');
    const source = await createAnnotation(author, articleId, { kind: 'source', ...span('佐藤 美咲') });
    if (!source.ok) throw new Error(source.error.message);
    expect(await createRelation(author, { fromId: a.id, toId: source.value.id, type: 'attributed_to' })).toMatchObject({ ok: true });
    const before = [await stored(a.id), await auditsOf(a.id)];
    const refused = await updateAnnotation(author, a.id, { version: 1, unattributed: true, note: 'No source after all.' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This claim is attributed to a source. Remove its source first.' } });
    expect([await stored(a.id), await auditsOf(a.id)]).toEqual(before);
    expect((await db().annotation.findUniqueOrThrow({ where: { id: a.id } })).note).toBe('');
  });

  it('keeps the kind of an annotation that has relations, at either end', async () => {
    const a = await claim('expect repairs');
    const event = await createAnnotation(author, articleId, { kind: 'event', ...span('repairs by May') });
    if (!event.ok) throw new Error(event.error.message);
    expect(await createRelation(author, { fromId: a.id, toId: event.value.id, type: 'about' })).toMatchObject({ ok: true });
    expect(await updateAnnotation(author, a.id, { version: 1, kind: 'source' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This claim is linked to other annotations; remove its relations before changing its kind.' },
    });
    expect(await updateAnnotation(author, event.value.id, { version: 1, kind: 'claim' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await stored(a.id)).toMatchObject({ kind: 'claim', version: 1 });
    expect(await stored(event.value.id)).toMatchObject({ kind: 'event', version: 1 });
    // Other edits of a linked annotation go ahead.
    expect(await updateAnnotation(author, a.id, { version: 1, attributes: { checkworthy: true } })).toMatchObject({
      ok: true,
      value: { kind: 'claim', attributes: { checkworthy: true } },
    });
  });
});

describe('listAnnotations', () => {
  it('lists an article’s annotations in text order, or null for an unknown article', async () => {
    const items = (await listAnnotations(articleId))!;
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((a) => a.start)).toEqual([...items.map((a) => a.start)].sort((x, y) => x - y));
    expect(await listAnnotations('nosuch')).toBeNull();
  });
});
