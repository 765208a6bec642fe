import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATUSES,
  DECISIONS,
  fromStored,
  RELATION_TYPES,
  STATUS_LABEL,
  STATUS_NAME,
  STORED_DECISION,
  STORED_KIND,
  STORED_RELATION_TYPE,
  STORED_STATUS,
} from './model.ts';

/** The `value @map("STORED")` pairs of one enum of prisma/schema.prisma. */
function prismaEnum(name: string): Record<string, string> {
  const schema = readFileSync(path.join(import.meta.dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8');
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  return Object.fromEntries([...body.matchAll(/^\s*(\w+)\s+@map\("(\w+)"\)/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('the stored values raw SQL uses', () => {
  it('are the values prisma/schema.prisma maps each enum to', () => {
    expect(prismaEnum('AnnotationKind')).toEqual(STORED_KIND);
    expect(prismaEnum('AnnotationStatus')).toEqual(STORED_STATUS);
    expect(prismaEnum('RelationType')).toEqual(STORED_RELATION_TYPE);
    expect(prismaEnum('Decision')).toEqual(STORED_DECISION);
    expect(Object.keys(STORED_KIND)).toEqual([...ANNOTATION_KINDS]);
    expect(Object.keys(STORED_STATUS)).toEqual([...ANNOTATION_STATUSES]);
    expect(Object.keys(STORED_RELATION_TYPE)).toEqual([...RELATION_TYPES]);
    expect(Object.keys(STORED_DECISION)).toEqual([...DECISIONS]);
  });

  it('read back as the model values', () => {
    for (const kind of ANNOTATION_KINDS) expect(fromStored(STORED_KIND, STORED_KIND[kind])).toBe(kind);
    for (const status of ANNOTATION_STATUSES) expect(fromStored(STORED_STATUS, STORED_STATUS[status])).toBe(status);
    expect(fromStored(STORED_KIND, 'EVENT')).toBe('event');
  });
});

describe('status labels', () => {
  it('end with the glyph a judged highlight shows; names alone carry none', () => {
    expect(STATUS_LABEL).toEqual({ pending: 'Pending', approved: 'Approved ✓', rejected: 'Rejected ✗' });
    expect(Object.values(STATUS_NAME).join(' ')).not.toMatch(/[✓✗]/);
  });
});
