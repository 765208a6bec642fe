import { describe, expect, it } from 'vitest';
import type { LiveMessage } from './model.ts';
import { parseLiveMessage } from './messages.ts';

const annotation = { id: 'a1', kind: 'claim', start: 0, end: 4, status: 'pending', authorId: 'u1', version: 1, unattributed: false } as const;

const valid: LiveMessage[] = [
  { t: 'annotation', op: 'upsert', articleId: 'art1', annotation, authorName: '佐藤 美咲' },
  { t: 'annotation', op: 'delete', articleId: 'art1', id: 'a1' },
  { t: 'relation', op: 'create', articleId: 'art1', relation: { id: 'r1', fromId: 'a1', toId: 'a2', type: 'attributed_to', authorId: 'u1' } },
  { t: 'relation', op: 'delete', articleId: 'art1', id: 'r1' },
  { t: 'comment', op: 'create', articleId: 'art1', annotationId: 'a1', commentId: 'c1', authorId: 'u1' },
];

describe('parseLiveMessage', () => {
  it.each(valid.map((m) => [`${m.t} ${'op' in m ? m.op : ''}`, m] as const))('accepts a %s message as the database sends it', (_, message) => {
    expect(parseLiveMessage(JSON.stringify(message))).toEqual(message);
  });

  it('accepts an account change, which names the user only', () => {
    expect(parseLiveMessage('{"t" : "account", "userId" : "u1"}')).toEqual({ t: 'account', userId: 'u1' });
  });

  it('accepts PostgreSQL json output, spaces and all', () => {
    expect(parseLiveMessage('{"t" : "annotation", "op" : "delete", "articleId" : "art1", "id" : "a1"}')).toEqual(valid[1]);
  });

  it('drops fields outside the contract, so nothing else reaches a browser', () => {
    const parsed = parseLiveMessage(JSON.stringify({ ...valid[1], secret: 'x' }));
    expect(parsed).toEqual(valid[1]);
  });

  it.each([
    ['an empty payload', ''],
    ['no payload', undefined],
    ['not JSON', '{"t": "annotation"'],
    ['JSON that is not an object', '[1,2]'],
    ['an unknown type', JSON.stringify({ t: 'review', op: 'create', articleId: 'art1' })],
    ['a message without its article', JSON.stringify({ t: 'annotation', op: 'delete', id: 'a1' })],
    ['a resync (only a listener issues those)', JSON.stringify({ t: 'resync' })],
    ['a reconnecting (only a listener issues those)', JSON.stringify({ t: 'reconnecting' })],
    ['an account change without its user', JSON.stringify({ t: 'account' })],
    ['an upper-case kind', JSON.stringify({ ...valid[0], annotation: { ...annotation, kind: 'CLAIM' } })],
    ['an unknown relation type', JSON.stringify({ ...valid[2], relation: { id: 'r1', fromId: 'a1', toId: 'a2', type: 'likes', authorId: 'u1' } })],
    ['a negative offset', JSON.stringify({ ...valid[0], annotation: { ...annotation, start: -1 } })],
    ['an upsert without the author name', JSON.stringify({ t: 'annotation', op: 'upsert', articleId: 'art1', annotation })],
  ])('ignores %s', (_, payload) => {
    expect(parseLiveMessage(payload)).toBeNull();
  });
});
