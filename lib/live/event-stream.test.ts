import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveMessage } from './model.ts';
import { createLiveEventStream, LIVE_EVENT_HEADERS, liveEventResponse, type LiveEventStreamOptions } from './event-stream.ts';
import type { LiveSource, LiveSubscriber } from './listener.ts';

/** A listener stand-in: the test decides when it listens and what it says. */
class FakeSource implements LiveSource {
  subscribers = new Map<string, Set<LiveSubscriber>>();
  accounts = new Map<string, Set<() => void>>();
  unsubscribed = 0;
  #resolve!: () => void;
  #reject!: (error: Error) => void;
  #listening = new Promise<void>((resolve, reject) => {
    this.#resolve = resolve;
    this.#reject = reject;
  });

  subscribe(articleId: string, onMessage: LiveSubscriber) {
    const set = this.subscribers.get(articleId) ?? new Set();
    this.subscribers.set(articleId, set);
    set.add(onMessage);
    return () => {
      if (set.delete(onMessage)) this.unsubscribed++;
    };
  }
  whenListening() {
    return this.#listening;
  }
  watchAccount(userId: string, onChange: () => void) {
    const set = this.accounts.get(userId) ?? new Set();
    this.accounts.set(userId, set);
    set.add(onChange);
    return () => void set.delete(onChange);
  }
  changeAccount(userId: string) {
    for (const watcher of this.accounts.get(userId) ?? []) watcher();
  }
  listen() {
    this.#resolve();
  }
  fail() {
    this.#reject(new Error('closed'));
  }
  emit(articleId: string, message: LiveMessage) {
    for (const subscriber of this.subscribers.get(articleId) ?? []) subscriber(message);
  }
  count(articleId: string) {
    return this.subscribers.get(articleId)?.size ?? 0;
  }
}

const upsert: LiveMessage = {
  t: 'annotation',
  op: 'upsert',
  articleId: 'art1',
  annotation: { id: 'a1', kind: 'claim', start: 0, end: 4, status: 'pending', authorId: 'u1', version: 1, unattributed: false },
  authorName: 'Ada',
};

/** Reads what the stream has produced so far, without waiting for more (a read left pending is resumed next time). */
const pendingReads = new WeakMap<ReadableStreamDefaultReader<Uint8Array>, Promise<ReadableStreamReadResult<Uint8Array>>>();
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<{ text: string; closed: boolean }> {
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const read = pendingReads.get(reader) ?? reader.read();
    pendingReads.set(reader, read);
    const next = await Promise.race([read, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
    if (next === null) return { text, closed: false };
    pendingReads.delete(reader);
    if (next.done) return { text, closed: true };
    text += decoder.decode(next.value, { stream: true });
  }
}

let source: FakeSource;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  source = new FakeSource();
});
afterEach(() => vi.useRealTimers());

function open(options: Partial<LiveEventStreamOptions> = {}) {
  const stream = createLiveEventStream({ articleId: 'art1', source, authorize: async () => true, ...options });
  return stream.getReader();
}

describe('createLiveEventStream', () => {
  it('opens with the retry delay and an id, says listening once listening, then sends each message as one event', async () => {
    const reader = open();
    expect((await drain(reader)).text).toMatch(/^retry: 2000\nid: \d+\n\n$/);
    expect(source.count('art1')).toBe(1);

    source.listen();
    expect((await drain(reader)).text).toBe('data: {"t":"listening"}\n\n');

    source.emit('art1', upsert);
    source.emit('art1', { t: 'annotation', op: 'delete', articleId: 'art1', id: 'a1' });
    expect((await drain(reader)).text).toBe(`data: ${JSON.stringify(upsert)}\n\ndata: {"t":"annotation","op":"delete","articleId":"art1","id":"a1"}\n\n`);
  });

  it('asks a reconnecting browser to resync, once listening', async () => {
    const reader = open({ resumed: true });
    await drain(reader);
    source.listen();
    expect((await drain(reader)).text).toBe('data: {"t":"listening"}\n\ndata: {"t":"resync"}\n\n');
  });

  it('sends a heartbeat comment every 15 seconds', async () => {
    const reader = open();
    source.listen();
    await drain(reader);
    vi.advanceTimersByTime(14_999);
    expect((await drain(reader)).text).toBe('');
    vi.advanceTimersByTime(1);
    expect((await drain(reader)).text).toBe(': heartbeat\n\n');
    vi.advanceTimersByTime(30_000);
    expect((await drain(reader)).text).toBe(': heartbeat\n\n: heartbeat\n\n');
  });

  it('asks again every minute whether the viewer may follow, and ends the stream when not', async () => {
    let allowed = true;
    const authorize = vi.fn(async () => allowed);
    const reader = open({ authorize });
    source.listen();
    await drain(reader);
    vi.advanceTimersByTime(60_000);
    expect(authorize).toHaveBeenCalledTimes(1);
    expect((await drain(reader)).closed).toBe(false);

    allowed = false;
    vi.advanceTimersByTime(60_000);
    expect(authorize).toHaveBeenCalledTimes(2);
    const { closed } = await drain(reader);
    expect(closed).toBe(true);
    expect(source.unsubscribed).toBe(1);
    expect(source.count('art1')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('treats a session check that fails with a bug as a refusal', async () => {
    const reader = open({ authorize: async () => Promise.reject(new TypeError('x is undefined')) });
    await drain(reader);
    vi.advanceTimersByTime(60_000);
    expect((await drain(reader)).closed).toBe(true);
    expect(source.count('art1')).toBe(0);
  });

  it('keeps the stream through a database outage at the session check, and ends it once the database says no', async () => {
    let answer: () => Promise<boolean> = async () =>
      Promise.reject(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' }));
    const authorize = vi.fn(() => answer());
    const reader = open({ authorize });
    source.listen();
    await drain(reader);
    for (let minute = 1; minute <= 3; minute++) {
      vi.advanceTimersByTime(60_000);
      expect((await drain(reader)).closed).toBe(false);
    }
    expect(authorize).toHaveBeenCalledTimes(3);
    expect(source.count('art1')).toBe(1);
    answer = async () => false;
    vi.advanceTimersByTime(60_000);
    expect((await drain(reader)).closed).toBe(true);
  });

  it('checks at once when the viewer’s account changes, and only for that account', async () => {
    let allowed = true;
    const authorize = vi.fn(async () => allowed);
    const reader = open({ authorize, accountId: 'u1' });
    source.listen();
    await drain(reader);
    source.changeAccount('u2');
    source.changeAccount('u1'); // a role change that still allows reading
    expect((await drain(reader)).closed).toBe(false);
    expect(authorize).toHaveBeenCalledTimes(1);
    allowed = false;
    source.changeAccount('u1');
    expect((await drain(reader)).closed).toBe(true);
    expect(authorize).toHaveBeenCalledTimes(2);
    expect(source.accounts.get('u1')?.size).toBe(0);
  });

  it('checks an account change in the context of the stream’s own request, not of the request that opened the listener', async () => {
    // As Next's headers() and cookies() do: the request is read from the async context.
    const request = new AsyncLocalStorage<string>();
    const askedFor: (string | undefined)[] = [];
    const authorize = async () => {
      askedFor.push(request.getStore());
      return request.getStore() === 'viewer';
    };
    const reader = request.run('viewer', () => open({ authorize, accountId: 'u1' }));
    source.listen();
    await drain(reader);
    // The listener's connection, opened by another viewer's request, hears the change.
    request.run('someone else', () => source.changeAccount('u1'));
    expect((await drain(reader)).closed).toBe(false);
    expect(askedFor).toEqual(['viewer']);
  });

  it('checks again after a running check when the account changed meanwhile', async () => {
    const answers: ((allowed: boolean) => void)[] = [];
    const authorize = vi.fn(() => new Promise<boolean>((resolve) => answers.push(resolve)));
    const reader = open({ authorize, accountId: 'u1' });
    await drain(reader);
    source.changeAccount('u1');
    source.changeAccount('u1'); // disabled while the first check (from before) is still running
    expect(authorize).toHaveBeenCalledTimes(1);
    answers[0]!(true);
    await drain(reader);
    expect(authorize).toHaveBeenCalledTimes(2);
    answers[1]!(false);
    expect((await drain(reader)).closed).toBe(true);
  });

  it('unsubscribes and stops its timers when the request is aborted', async () => {
    const abort = new AbortController();
    const reader = open({ signal: abort.signal });
    source.listen();
    await drain(reader);
    abort.abort();
    expect((await drain(reader)).closed).toBe(true);
    expect(source.count('art1')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    source.emit('art1', upsert); // no enqueue on a closed stream
  });

  it('never subscribes for a request that is already aborted', async () => {
    const reader = open({ signal: AbortSignal.abort() });
    expect(await drain(reader)).toEqual({ text: '', closed: true });
    expect(source.subscribers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unsubscribes when the consumer cancels the stream', async () => {
    const reader = open();
    await drain(reader);
    await reader.cancel();
    expect(source.unsubscribed).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends when the listener is closed before it listens', async () => {
    const reader = open();
    await drain(reader);
    source.fail();
    expect((await drain(reader)).closed).toBe(true);
    expect(source.count('art1')).toBe(0);
  });

  it('ends the stream of a browser that stopped reading instead of queueing without bound', async () => {
    const stream = createLiveEventStream({ articleId: 'art1', source, authorize: async () => true, maxQueued: 5 });
    source.listen();
    await Promise.resolve();
    for (let i = 0; i < 20; i++) source.emit('art1', upsert);
    expect(source.count('art1')).toBe(0);
    const reader = stream.getReader();
    const { text, closed } = await drain(reader);
    expect(closed).toBe(true);
    // The preamble, "listening" and the messages up to the limit: nothing after the stream ended.
    expect(text.match(/^data: /gm)?.length).toBeLessThanOrEqual(6);
  });

  it('only hears its own article', async () => {
    const reader = open();
    source.listen();
    await drain(reader);
    source.emit('art2', { ...upsert, articleId: 'art2' });
    expect((await drain(reader)).text).toBe('');
  });
});

describe('liveEventResponse', () => {
  it('is an uncompressed, unbuffered event stream', () => {
    const response = liveEventResponse(new ReadableStream());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    // no-transform is what keeps Next's compression middleware from gzipping (and buffering) the events.
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(Object.keys(LIVE_EVENT_HEADERS)).toHaveLength(3);
  });
});
