import { describe, expect, it } from 'vitest';
import { RELATION_PAIRS, RELATION_TYPES } from '@/lib/annotations/model.ts';
import { parseInput } from '@/lib/validation.ts';
import { createRelationSchema } from './schemas.ts';
import { RELATION_PAIR_MESSAGES } from './model.ts';

describe('createRelationSchema', () => {
  it('accepts two ids and a lower-case type', () => {
    expect(parseInput(createRelationSchema, { fromId: 'cabc123', toId: 'cdef456', type: 'attributed_to' })).toEqual({
      ok: true,
      value: { fromId: 'cabc123', toId: 'cdef456', type: 'attributed_to' },
    });
  });

  it('refuses unknown or upper-case types, junk ids and extra fields such as an author', () => {
    const fields = (input: unknown) => {
      const result = parseInput(createRelationSchema, input);
      return result.ok ? {} : result.error.fieldErrors;
    };
    expect(fields({ fromId: 'a1', toId: 'b2', type: 'ATTRIBUTED_TO' })).toEqual({ type: ['The relation type is attributed_to, reported_by or about.'] });
    expect(fields({ fromId: 'a1', toId: 'b2', type: 'quotes' })).toHaveProperty('type');
    expect(fields({ fromId: "a1' OR 1=1", toId: '', type: 'about' })).toMatchObject({ fromId: expect.any(Array), toId: expect.any(Array) });
    expect(parseInput(createRelationSchema, { fromId: 'a1', toId: 'b2', type: 'about', authorId: 'u1' }).ok).toBe(false);
  });
});

describe('relation types', () => {
  it('each refusal names the pair RELATION_PAIRS allows', () => {
    for (const type of RELATION_TYPES) {
      const message = RELATION_PAIR_MESSAGES[type];
      expect(message.indexOf(RELATION_PAIRS[type].from)).toBeGreaterThan(-1);
      expect(message.lastIndexOf(RELATION_PAIRS[type].to)).toBeGreaterThan(message.indexOf(RELATION_PAIRS[type].from));
    }
  });
});
