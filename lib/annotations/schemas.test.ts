import { describe, expect, it } from 'vitest';
import { parseInput } from '../validation.ts';
import { createAnnotationSchema, kindFromDb, kindToDb, NOTE_MAX } from './schemas.ts';

const fieldsOf = (input: unknown) => {
  const result = parseInput(createAnnotationSchema, input);
  return result.ok ? {} : (result.error.fieldErrors ?? {});
};

describe('createAnnotationSchema', () => {
  it('accepts each kind with its own attributes', () => {
    expect(parseInput(createAnnotationSchema, { kind: 'claim', start: 0, end: 4, attributes: { type: 'prediction', checkworthy: true } }).ok).toBe(true);
    expect(parseInput(createAnnotationSchema, { kind: 'event', start: 0, end: 4, attributes: { date: '2024-05', place: 'Kaminose', participants: ['佐藤 美咲'] } }).ok).toBe(true);
    expect(parseInput(createAnnotationSchema, { kind: 'source', start: 0, end: 4, note: 'Named twice.', attributes: { type: 'named_person', canonicalName: 'Shiomi Chinatsu' } }).ok).toBe(true);
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

  it('maps kinds to the database and back', () => {
    expect(kindToDb('source')).toBe('SOURCE');
    expect(kindFromDb('EVENT')).toBe('event');
  });
});
