import { describe, expect, it } from 'vitest';
import { parseInput } from '@/lib/validation.ts';
import { COMMENT_MAX, createCommentSchema } from './schemas.ts';

const errorsOf = (input: unknown) => {
  const result = parseInput(createCommentSchema, input);
  return result.ok ? [] : Object.values(result.error.fieldErrors ?? {}).flat();
};

describe('createCommentSchema', () => {
  it('trims the body and keeps its line breaks as \\n', () => {
    expect(createCommentSchema.parse({ body: '\n  First line\r\nsecond\rthird\t \n' })).toEqual({ body: 'First line\nsecond\nthird' });
  });

  it('refuses an empty or blank comment', () => {
    expect(errorsOf({ body: '' })).toEqual(['Write something before posting.']);
    expect(errorsOf({ body: ' \n\t ' })).toEqual(['Write something before posting.']);
    expect(errorsOf({})).toEqual(['The comment is text.']);
    expect(errorsOf({ body: 42 })).toEqual(['The comment is text.']);
  });

  it(`takes up to ${COMMENT_MAX} characters after trimming, and no more`, () => {
    expect(errorsOf({ body: ` ${'x'.repeat(COMMENT_MAX)} ` })).toEqual([]);
    expect(errorsOf({ body: 'x'.repeat(COMMENT_MAX + 1) })).toEqual(['A comment has at most 5,000 characters.']);
  });

  it('refuses NUL, other control characters and lone surrogates, but not emoji or CJK', () => {
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u007fb', 'a\ud83cb'])
      expect(errorsOf({ body: bad })).toEqual(['The comment contains characters that are not allowed.']);
    expect(errorsOf({ body: '波 🌊 e\u0301' })).toEqual([]);
  });

  it('refuses a body that names an author or an annotation', () => {
    expect(parseInput(createCommentSchema, { body: 'Hi', authorId: 'someone' }).ok).toBe(false);
    expect(parseInput(createCommentSchema, { body: 'Hi', annotationId: 'other' }).ok).toBe(false);
  });
});
