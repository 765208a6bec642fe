import { describe, expect, it } from 'vitest';
import { parseInput } from '@/lib/validation.ts';
import { createAnnotationSchema, NOTE_MAX, updateAnnotationSchema } from './schemas.ts';

const fieldsOf = (input: unknown) => {
  const result = parseInput(createAnnotationSchema, input);
  return result.ok ? {} : (result.error.fieldErrors ?? {});
};

describe('createAnnotationSchema', () => {
  it('accepts each kind with its own attributes', () => {
    expect(parseInput(createAnnotationSchema, { kind: 'claim', start: 0, end: 4, attributes: { type: 'prediction', checkworthy: true } }).ok).toBe(true);
    expect(
      parseInput(createAnnotationSchema, { kind: 'event', start: 0, end: 4, attributes: { date: '2024-05', place: 'Kaminose', participants: ['佐藤 美咲'] } })
        .ok,
    ).toBe(true);
    expect(
      parseInput(createAnnotationSchema, {
        kind: 'source',
        start: 0,
        end: 4,
        note: 'Named twice.',
        attributes: { type: 'named_person', canonicalName: 'Shiomi Chinatsu' },
      }).ok,
    ).toBe(true);
  });

  it('refuses attributes of another kind, and unknown kinds', () => {
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, attributes: { place: 'Kaminose' } })).toHaveProperty('attributes');
    expect(fieldsOf({ kind: 'source', start: 0, end: 4, attributes: { type: 'opinion' } })).toHaveProperty(['attributes.type']);
    expect(Object.values(fieldsOf({ kind: 'quote', start: 0, end: 4 })).flat()).toContain('The kind is claim, event or source.');
  });

  it.each(['2024', '2024-05', '2024-05-31', '2024-05-31T14:30:00Z'])('accepts the event date %s', (date) => {
    expect(fieldsOf({ kind: 'event', start: 0, end: 1, attributes: { date } })).toEqual({});
  });

  it.each(['2024-13', '2024-02-30', 'May 2024', '24-05-31'])('refuses the event date %s', (date) => {
    expect(fieldsOf({ kind: 'event', start: 0, end: 1, attributes: { date } })).toHaveProperty(['attributes.date']);
  });

  it('refuses a body that tries to set the author, the status or the version', () => {
    for (const extra of [{ authorId: 'someone' }, { status: 'approved' }, { version: 7 }]) {
      expect(parseInput(createAnnotationSchema, { kind: 'claim', start: 0, end: 4, ...extra }).ok).toBe(false);
    }
  });

  it('refuses an overlong note and offsets that are not whole numbers', () => {
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: 'n'.repeat(NOTE_MAX + 1) })).toHaveProperty('note');
    expect(fieldsOf({ kind: 'claim', start: 0.5, end: '4' })).toMatchObject({ start: expect.any(Array), end: expect.any(Array) });
  });

  it('refuses NUL, other control characters and lone surrogates in notes and attribute text, which the database cannot hold', () => {
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: 'a\u0000b' })).toEqual({
      note: ['The note contains characters that are not allowed: U+0000, a control character.'],
    });
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: 'half \ud83c' })).toHaveProperty('note');
    expect(fieldsOf({ kind: 'event', start: 0, end: 4, attributes: { place: 'Kami\u0000nose' } })).toEqual({
      'attributes.place': ['The place contains characters that are not allowed: U+0000, a control character.'],
    });
    expect(fieldsOf({ kind: 'source', start: 0, end: 4, attributes: { canonicalName: 'A\u0007B' } })).toHaveProperty(['attributes.canonicalName']);
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: 'Line one\n\tline two 🌊 佐藤' })).toEqual({});
  });

  it.each(['U+0080', 'U+0085', 'U+0091', 'U+009F'])('refuses the C1 control character %s in a note and in attribute text, as C0 ones', (code) => {
    const c = String.fromCharCode(parseInt(code.slice(2), 16));
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: `a${c}b` })).toEqual({
      note: [`The note contains characters that are not allowed: ${code}, a control character.`],
    });
    expect(parseInput(updateAnnotationSchema, { version: 1, note: `a${c}b` })).toMatchObject({
      ok: false,
      error: { fieldErrors: { note: [expect.stringContaining(code)] } },
    });
    expect(fieldsOf({ kind: 'event', start: 0, end: 4, attributes: { place: `Kami${c}nose` } })).toHaveProperty(['attributes.place']);
  });

  it('accepts the line and paragraph separators U+2028 and U+2029, and U+00A0 after the C1 range, in a note', () => {
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: 'one\u2028two\u2029three\u00a0four é' })).toEqual({});
  });

  it('names a lone surrogate as half of a character', () => {
    expect(fieldsOf({ kind: 'claim', start: 0, end: 4, note: 'half \ud83c' })).toEqual({
      note: ['The note contains characters that are not allowed: U+D83C, half of a character (a lone surrogate).'],
    });
  });
});

describe('updateAnnotationSchema', () => {
  it('takes the unattributed mark as a boolean alongside the version', () => {
    expect(parseInput(updateAnnotationSchema, { version: 3, unattributed: true })).toEqual({ ok: true, value: { version: 3, unattributed: true } });
    expect(parseInput(updateAnnotationSchema, { version: 3, unattributed: false, note: 'No source named.' }).ok).toBe(true);
    expect(parseInput(updateAnnotationSchema, { version: 3, unattributed: 'yes' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { unattributed: ['Unattributed is true or false.'] } },
    });
    expect(parseInput(updateAnnotationSchema, { version: 3, note: 'a\u0000b' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { note: expect.any(Array) } },
    });
  });

  it('still refuses a status or an author, and a start without an end', () => {
    expect(parseInput(updateAnnotationSchema, { version: 1, status: 'approved' }).ok).toBe(false);
    expect(parseInput(updateAnnotationSchema, { version: 1, authorId: 'x' }).ok).toBe(false);
    expect(parseInput(updateAnnotationSchema, { version: 1, start: 3 })).toMatchObject({
      ok: false,
      error: { fieldErrors: { end: ['Send start and end together.'] } },
    });
  });
});
