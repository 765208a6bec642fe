import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveMessage } from './model.ts';
import { db } from '@/lib/db.ts';
import { liveArticleExists } from './queries.ts';
import { createLiveEventStream } from './event-stream.ts';
import { LiveListener } from './listener.ts';
import { LIVE_CHANNEL } from './messages.ts';

// The triggers of the migration "live_notify" and the listener, against this file's own
// database (scripts/test/integration-database.ts sets DATABASE_URL to it before this runs).
// NOTIFY is scoped to a database, so parallel test files never hear each other.

/** What one subscriber heard, awaited message by message. */
class Inbox {
  readonly messages: LiveMessage[] = [];
  #read = 0;
  #wake: (() => void) | null = null;

  readonly receive = (message: LiveMessage) => {
    this.messages.push(message);
    this.#wake?.();
  };

  /** The next message not yet taken, waiting at most `timeoutMs` (the product promises 2 s). */
  async next(timeoutMs = 2_000): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.#read >= this.messages.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No live message within ${timeoutMs} ms (heard so far: ${JSON.stringify(this.messages)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
    return this.messages[this.#read++]!;
  }

  get unread(): LiveMessage[] {
    return this.messages.slice(this.#read);
  }
}

const url = () => process.env.DATABASE_URL!;
const listeners: LiveListener[] = [];
function newListener(name: string): LiveListener {
  const listener = new LiveListener({
    connectionString: url(),
    applicationName: `live-test-${name}-${randomBytes(3).toString('hex')}`,
    idleCloseMs: 0,
    reconnectMinMs: 20,
    log: () => {},
  });
  listeners.push(listener);
  return listener;
}

let author: { id: string; name: string };
let other: { id: string; name: string };
let articleId: string;
let otherArticleId: string;
const TEXT = 'Officials said the harbour wall, built in 1931, gave way on Tuesday.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote });

/** Instance A follows both articles; instance B (another connection, as another app process would) follows the first. */
let a: LiveListener;
let b: LiveListener;
const onArticleA = new Inbox();
const onOtherArticleA = new Inbox();
const onArticleB = new Inbox();

beforeAll(async () => {
  author = await db().user.create({ data: { email: 'live-author@int.example', name: '佐藤 美咲', passwordHash: 'x' }, select: { id: true, name: true } });
  other = await db().user.create({ data: { email: 'live-other@int.example', name: 'Other', passwordHash: 'x' }, select: { id: true, name: true } });
  articleId = (await db().article.create({ data: { title: 'Harbour', text: TEXT, contentHash: 'live-1' } })).id;
  otherArticleId = (await db().article.create({ data: { title: 'Other', text: TEXT, contentHash: 'live-2' } })).id;
  a = newListener('a');
  b = newListener('b');
  a.subscribe(articleId, onArticleA.receive);
  a.subscribe(otherArticleId, onOtherArticleA.receive);
  b.subscribe(articleId, onArticleB.receive);
  await Promise.all([a.whenListening(), b.whenListening()]);
});

afterAll(async () => {
  await Promise.all(listeners.map((listener) => listener.close()));
  // Whatever was left unread must not include anything for the article nobody wrote to.
  expect(onOtherArticleA.messages.filter((m) => m.t !== 'resync')).toEqual([]);
});

const createAnnotation = (quote: string, kind: 'claim' | 'event' | 'source' = 'claim', by = author.id) =>
  db().annotation.create({ data: { articleId, authorId: by, kind, ...span(quote) } });

/** Both instances hear the same message for the article. */
async function heardByBoth(): Promise<LiveMessage> {
  const [fromA, fromB] = await Promise.all([onArticleA.next(), onArticleB.next()]);
  expect(fromB).toEqual(fromA);
  return fromA;
}

describe('live messages from the database', () => {
  it('announces a new annotation with its paint record and author name, to both instances', async () => {
    const created = await createAnnotation('the harbour wall');
    expect(await heardByBoth()).toEqual({
      t: 'annotation',
      op: 'upsert',
      articleId,
      annotation: {
        id: created.id,
        kind: 'claim',
        start: span('the harbour wall').start,
        end: span('the harbour wall').end,
        status: 'pending',
        authorId: author.id,
        version: 1,
        unattributed: false,
      },
      authorName: '佐藤 美咲',
    });
  });

  it('announces an edit, and says nothing for an UPDATE that changes nothing painted', async () => {
    const created = await createAnnotation('gave way', 'event');
    await heardByBoth();
    await db().annotation.update({ where: { id: created.id }, data: { note: created.note } }); // only Prisma's updatedAt changes
    await db().annotation.update({ where: { id: created.id }, data: { status: 'approved', version: 2, unattributed: true } });
    expect(await heardByBoth()).toMatchObject({
      t: 'annotation',
      op: 'upsert',
      annotation: { id: created.id, kind: 'event', status: 'approved', version: 2, unattributed: true },
    });
  });

  it('announces a deletion', async () => {
    const created = await createAnnotation('on Tuesday', 'event');
    await heardByBoth();
    await db().annotation.delete({ where: { id: created.id } });
    expect(await heardByBoth()).toEqual({ t: 'annotation', op: 'delete', articleId, id: created.id });
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('announces a relation created and deleted, with lower-case type', async () => {
    const claim = await createAnnotation('Officials said');
    const source = await createAnnotation('Officials', 'source');
    await heardByBoth();
    await heardByBoth();
    const relation = await db().relation.create({ data: { fromId: claim.id, toId: source.id, type: 'attributed_to', authorId: other.id } });
    expect(await heardByBoth()).toEqual({
      t: 'relation',
      op: 'create',
      articleId,
      relation: { id: relation.id, fromId: claim.id, toId: source.id, type: 'attributed_to', authorId: other.id },
    });
    await db().relation.delete({ where: { id: relation.id } });
    expect(await heardByBoth()).toEqual({ t: 'relation', op: 'delete', articleId, id: relation.id });
  });

  it('announces a comment', async () => {
    const annotation = await createAnnotation('built in 1931', 'event');
    await heardByBoth();
    const comment = await db().comment.create({ data: { annotationId: annotation.id, authorId: other.id, body: 'Source?' } });
    expect(await heardByBoth()).toEqual({ t: 'comment', op: 'create', articleId, annotationId: annotation.id, commentId: comment.id, authorId: other.id });
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('follows cascades: a relation that loses one end is announced deleted, one that loses both says nothing', async () => {
    const claim = await createAnnotation('harbour wall');
    const source = await createAnnotation('Officials', 'source');
    await heardByBoth();
    await heardByBoth();
    const relation = await db().relation.create({ data: { fromId: claim.id, toId: source.id, type: 'attributed_to', authorId: author.id } });
    await db().comment.create({ data: { annotationId: claim.id, authorId: author.id, body: 'Check.' } });
    expect((await heardByBoth()).t).toBe('relation');
    expect((await heardByBoth()).t).toBe('comment');

    // The source survives, so the relation's article is still known; the comment goes silently.
    await db().annotation.delete({ where: { id: claim.id } });
    expect([await heardByBoth(), await heardByBoth()]).toEqual(
      expect.arrayContaining([
        { t: 'annotation', op: 'delete', articleId, id: claim.id },
        { t: 'relation', op: 'delete', articleId, id: relation.id },
      ]),
    );

    // Both ends in one statement: the relation's article can no longer be found, so only the annotations speak.
    const claim2 = await createAnnotation('said the harbour');
    await heardByBoth();
    await db().relation.create({ data: { fromId: claim2.id, toId: source.id, type: 'attributed_to', authorId: author.id } });
    await heardByBoth();
    await db().annotation.deleteMany({ where: { id: { in: [claim2.id, source.id] } } });
    const deleted = [await heardByBoth(), await heardByBoth()];
    expect(deleted).toEqual(
      expect.arrayContaining([
        { t: 'annotation', op: 'delete', articleId, id: claim2.id },
        { t: 'annotation', op: 'delete', articleId, id: source.id },
      ]),
    );
    // The next write is the next message: nothing else was sent.
    const fence = await createAnnotation('Tuesday', 'event');
    expect(await heardByBoth()).toMatchObject({ t: 'annotation', op: 'upsert', annotation: { id: fence.id } });
  });

  it('says nothing for a rolled-back write, and ignores malformed payloads on the channel', async () => {
    await expect(
      db().$transaction(async (tx) => {
        await tx.annotation.create({ data: { articleId, authorId: author.id, kind: 'claim', ...span('wall') } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await db()
      .$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, 'not json'), pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ t: 'annotation', op: 'delete', id: 'x' })}), pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ t: 'resync', articleId })})`;
    const fence = await createAnnotation('1931', 'event');
    expect(await heardByBoth()).toMatchObject({ t: 'annotation', op: 'upsert', annotation: { id: fence.id } });
  });

  it('drops a message too long for NOTIFY rather than failing the write behind it', async () => {
    await expect(db().$queryRaw`SELECT "newsmark_live_notify"(json_build_object('t', 'annotation', 'pad', repeat('x', 9000)))::text AS sent`).resolves.toEqual([
      { sent: '' },
    ]);
    const fence = await createAnnotation('wall', 'source');
    expect(await heardByBoth()).toMatchObject({ t: 'annotation', op: 'upsert', annotation: { id: fence.id } });
  });

  it('keeps the other article quiet', () => {
    expect(onOtherArticleA.unread).toEqual([]);
    expect(onArticleA.unread).toEqual([]);
    expect(onArticleB.unread).toEqual([]);
  });

  it('hears the other article only when it is written to', async () => {
    const created = await db().annotation.create({ data: { articleId: otherArticleId, authorId: other.id, kind: 'source', ...span('Officials') } });
    expect(await onOtherArticleA.next()).toMatchObject({
      t: 'annotation',
      op: 'upsert',
      articleId: otherArticleId,
      authorName: 'Other',
      annotation: { id: created.id },
    });
    await db().annotation.delete({ where: { id: created.id } });
    expect(await onOtherArticleA.next()).toEqual({ t: 'annotation', op: 'delete', articleId: otherArticleId, id: created.id });
    onOtherArticleA.messages.length = 0; // heard on purpose; afterAll checks nothing else came
    expect(onArticleA.unread).toEqual([]);
    expect(onArticleB.unread).toEqual([]);
  });
});

describe('the listener', () => {
  /** Ends the listener's connection from the server side, as a restart or a network fault would. */
  async function terminate(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      const { rowCount } = await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1`,
        [`live-test-${name}-%`],
      );
      expect(rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }

  it('reconnects after losing its connection, says so, tells every subscriber to resync and every account watcher to check, and hears writes again', async () => {
    const listener = newListener('reconnect');
    const inbox = new Inbox();
    let accountChecks = 0;
    listener.subscribe(articleId, inbox.receive);
    listener.watchAccount(author.id, () => accountChecks++);
    await listener.whenListening();
    await terminate('reconnect');
    expect(await inbox.next(5_000)).toEqual({ t: 'reconnecting' });
    expect(await inbox.next(5_000)).toEqual({ t: 'resync' });
    expect(accountChecks).toBe(1); // a user disabled during the outage went unheard
    expect(listener.listening).toBe(true);
    const created = await createAnnotation('harbour', 'source');
    expect(await inbox.next()).toMatchObject({ t: 'annotation', op: 'upsert', annotation: { id: created.id } });
    await Promise.all([onArticleA.next(), onArticleB.next()]); // the other instances heard it too
  });

  it('connects on the first subscriber and disconnects when the last one leaves', async () => {
    const listener = newListener('lazy');
    const count = async () =>
      Number(
        (
          await db().$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'live-test-lazy-%'`
        )[0]!.n,
      );
    expect(await count()).toBe(0);
    const first = listener.subscribe(articleId, () => {});
    const second = listener.subscribe(otherArticleId, () => {});
    await listener.whenListening();
    expect(await count()).toBe(1);
    first();
    first(); // twice is harmless
    expect(listener.subscriberCount).toBe(1);
    second();
    expect(listener.listening).toBe(false);
    await expect.poll(count, { timeout: 2_000 }).toBe(0);
  });

  it('refuses subscribers once closed', async () => {
    const listener = newListener('closed');
    const pending = listener.whenListening();
    await listener.close();
    await expect(pending).rejects.toThrow(/closed/);
    expect(() => listener.subscribe(articleId, () => {})).toThrow(/closed/);
  });
});

describe('the event stream on a real listener', () => {
  /** Reads a stream until it ends (true) or `timeoutMs` pass (false). */
  async function endsWithin(reader: ReadableStreamDefaultReader<Uint8Array>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)))]);
      clearTimeout(timer);
      if (next === null) return false;
      if (next.done) return true;
    }
  }

  it('ends the stream of a user within moments of their being disabled (not at the next minute’s check), and no one else’s', async () => {
    const listener = newListener('account');
    const viewer = await db().user.create({ data: { email: 'live-viewer@int.example', name: 'Viewer', passwordHash: 'x' } });
    const authorize = vi.fn(async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).disabledAt === null);
    const streamOf = (id: string) => createLiveEventStream({ articleId, source: listener, authorize: () => authorize(id), accountId: id }).getReader();
    const viewerStream = streamOf(viewer.id);
    const otherStream = streamOf(other.id);
    await listener.whenListening();
    expect(await endsWithin(viewerStream, 200)).toBe(false);

    // A change of role that still lets them read: checked at once, and the stream goes on.
    await db().user.update({ where: { id: viewer.id }, data: { role: 'REVIEWER' } });
    await expect.poll(() => authorize.mock.calls.length, { timeout: 2_000 }).toBe(1);
    expect(await endsWithin(viewerStream, 200)).toBe(false);

    await db().user.update({ where: { id: viewer.id }, data: { disabledAt: new Date() } });
    expect(await endsWithin(viewerStream, 2_000)).toBe(true);
    expect(await endsWithin(otherStream, 300)).toBe(false);
    expect(authorize.mock.calls.map(([id]) => id)).toEqual([viewer.id, viewer.id]);
    await otherStream.cancel();
    // A change nobody's stream cares about sends nothing: the name is not watched.
    await db().user.update({ where: { id: other.id }, data: { name: 'Other' } });
  });

  it('knows which articles exist', async () => {
    expect(await liveArticleExists(articleId)).toBe(true);
    expect(await liveArticleExists('nosuch')).toBe(false);
  });

  it('delivers a write as a server-sent event within 2 seconds', async () => {
    const listener = newListener('stream');
    const abort = new AbortController();
    const reader = createLiveEventStream({ articleId, source: listener, authorize: async () => true, signal: abort.signal }).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      const deadline = Date.now() + 2_000;
      while (!pattern.test(text)) {
        const next = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Timed out; got ${JSON.stringify(text)}`)), deadline - Date.now())),
        ]);
        if (next.done) throw new Error('The stream ended');
        text += decoder.decode(next.value, { stream: true });
      }
    };
    await readUntil(/"listening"\}\n\n/);
    expect(text).toMatch(/^retry: 2000\nid: \d+\n\ndata: \{"t":"listening"\}\n\n$/);
    text = '';
    const started = performance.now();
    const created = await createAnnotation('the harbour', 'claim', other.id);
    await readUntil(/data: .*\n\n$/);
    expect(performance.now() - started).toBeLessThan(2_000);
    const data = text.split('\n').find((line) => line.startsWith('data: '))!;
    expect(JSON.parse(data.slice('data: '.length))).toMatchObject({
      t: 'annotation',
      op: 'upsert',
      articleId,
      authorName: 'Other',
      annotation: { id: created.id },
    });
    abort.abort();
    expect(listener.subscriberCount).toBe(0);
    await Promise.all([onArticleA.next(), onArticleB.next()]);
  });
});
