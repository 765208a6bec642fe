import { describe, expect, it } from 'vitest';
import { sseComment, sseData, sseJson, ssePreamble } from './sse.ts';

describe('server-sent events framing', () => {
  it('frames data as one event ending in a blank line', () => {
    expect(sseData('hello')).toBe('data: hello\n\n');
    expect(sseData('')).toBe('data: \n\n');
  });

  it('splits data at every kind of line break, so nothing in it can start a field or end the event', () => {
    expect(sseData('a\nb\r\nc\rd')).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(sseData('x\n\nevent: evil')).toBe('data: x\ndata: \ndata: event: evil\n\n');
  });

  it('encodes a JSON value on a single data line, whatever its strings hold', () => {
    const message = { t: 'comment', body: 'line one\nline two\r\n\n: not a comment', emoji: '🌊 佐藤', sep: '\u2028' };
    const frame = sseJson(message);
    expect(frame.startsWith('data: ')).toBe(true);
    expect(frame.endsWith('\n\n')).toBe(true);
    expect(frame.slice(0, -2)).not.toMatch(/[\r\n]/);
    expect(JSON.parse(frame.slice('data: '.length, -2))).toEqual(message);
  });

  it('writes comments that EventSource ignores, one per line', () => {
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(sseComment('a\nb')).toBe(': a\n: b\n\n');
  });

  it('opens with the reconnection delay and an event id, and refuses values that would break the framing', () => {
    expect(ssePreamble(2000, '7')).toBe('retry: 2000\nid: 7\n\n');
    expect(() => ssePreamble(-1, '1')).toThrow(RangeError);
    expect(() => ssePreamble(1.5, '1')).toThrow(RangeError);
    expect(() => ssePreamble(2000, 'a\nb')).toThrow(RangeError);
    expect(() => ssePreamble(2000, 'a\0b')).toThrow(RangeError);
  });
});
