import { describe, expect, it } from 'vitest';
import { parseInput } from '@/lib/validation.ts';
import { articleListQuerySchema, decodeCursor, encodeCursor, titlePrefixQuery, type ArticleCursor } from './list-query.ts';

describe('titlePrefixQuery', () => {
  it('turns every word into a prefix, following web search syntax', () => {
    expect(titlePrefixQuery('harb')).toBe(`'harb':*`);
    expect(titlePrefixQuery('Harb  FIRE')).toBe(`'harb':* & 'fire':*`);
    expect(titlePrefixQuery('water -contract')).toBe(`'water':* & !'contract'`);
    expect(titlePrefixQuery('squid or octopus')).toBe(`'squid':* | 'octopus':*`);
    expect(titlePrefixQuery('"job cuts" robots')).toBe(`'job':* & 'cuts':* & 'robots':*`);
    expect(titlePrefixQuery('陈立文 Ōno')).toBe(`'陈立文':* & 'ōno':*`);
  });

  it('lets nothing but letters and digits through, and gives up on nothing searchable', () => {
    expect(titlePrefixQuery(`it's a:* & (x) <-> 'y'`)).toBe(`'it':* & 's':* & 'a':* & 'x':* & 'y':*`);
    for (const q of ['', '!!!', 'or', '-only', '🦑']) expect(titlePrefixQuery(q)).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trips every sort through an opaque base64url string', () => {
    const cursors: ArticleCursor[] = [
      { sort: 'newest', publishedAt: null, createdAt: '2025-01-01T00:00:00.000Z', id: 'abc123' },
      { sort: 'newest', publishedAt: '2024-05-01T10:00:00.000Z', createdAt: '2025-01-01T00:00:00.000Z', id: 'abc123' },
      { sort: 'title', title: 'harbour “fire” 陈', id: 'abc' },
      { sort: 'annotated', count: 3, createdAt: '2025-01-01T00:00:00.000Z', id: 'abc' },
      { sort: 'relevance', rank: 1.2857142984867096, id: 'abc' },
    ];
    for (const cursor of cursors) {
      const encoded = encodeCursor(cursor);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encoded)).toEqual(cursor);
    }
  });

  it('rejects what we did not issue', () => {
    for (const raw of [
      '',
      'not base64!',
      'eyJ4IjoxfQ',
      Buffer.from('["newest","x","y","z"]').toString('base64url'),
      Buffer.from('["relevance",-1,"a"]').toString('base64url'),
    ]) {
      expect(decodeCursor(raw), raw).toBeNull();
    }
  });
});

describe('articleListQuerySchema', () => {
  const errors = (input: Record<string, unknown>) => {
    const r = parseInput(articleListQuerySchema, input);
    return r.ok ? null : r.error.fieldErrors;
  };

  it('defaults to the newest first, or relevance when searching, treating blank fields as absent', () => {
    expect(articleListQuerySchema.parse({})).toMatchObject({ sort: 'newest', archived: 'hide', limit: 25, q: undefined });
    expect(articleListQuerySchema.parse({ q: ' harbour ', source: '', from: '' })).toMatchObject({
      sort: 'relevance',
      q: 'harbour',
      source: undefined,
      from: undefined,
    });
    expect(articleListQuerySchema.parse({ sort: 'relevance' }).sort).toBe('newest');
    expect(articleListQuerySchema.parse({ q: 'x', sort: 'title' }).sort).toBe('title');
  });

  it('turns the date range into whole UTC days', () => {
    const q = articleListQuerySchema.parse({ from: '2024-03-01', to: '2024-03-02' });
    expect(q.from?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(q.toExclusive?.toISOString()).toBe('2024-03-03T00:00:00.000Z');
  });

  it('reports each bad value under its field', () => {
    expect(errors({ sort: 'popular' })?.sort).toBeDefined();
    expect(errors({ review: 'maybe' })?.review).toBeDefined();
    expect(errors({ annotated: 'true' })?.annotated).toBeDefined();
    expect(errors({ archived: 'all' })?.archived).toBeDefined();
    expect(errors({ from: '2024-02-30' })?.from).toBeDefined();
    expect(errors({ to: 'yesterday' })?.to).toBeDefined();
    expect(errors({ from: '2024-03-02', to: '2024-03-01' })?.to).toEqual(['The end date is before the start date.']);
    expect(errors({ limit: '0' })?.limit).toBeDefined();
    expect(errors({ limit: 'ten' })?.limit).toBeDefined();
    expect(errors({ q: 'x'.repeat(201) })?.q).toBeDefined();
    expect(errors({ cursor: 'garbage' })?.cursor).toBeDefined();
  });
});
