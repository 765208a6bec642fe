/**
 * One PostgreSQL LISTEN connection per app process, fanning the live messages out to the
 * browsers' event streams by article. The triggers of the migration "live_notify" NOTIFY
 * every committed write, so each app instance on the database hears every write, whichever
 * instance made it.
 *
 * Lazy: the connection opens with the first subscriber and closes a while (idleCloseMs) after
 * the last one leaves, so an idle instance holds no extra connection and a page reload (which
 * leaves and rejoins at once) does not churn one. A lost connection is reopened with
 * exponential backoff. Subscribers hear `{ t: 'reconnecting' }` when it is lost; NOTIFY is not
 * queued for a listener that is gone, so after reconnecting every subscriber gets
 * `{ t: 'resync' }` and reloads what it paints, and every account watcher is called (a user
 * may have been disabled meanwhile).
 */
import { env } from '@/lib/env.ts';
import pg from 'pg';
import type { LiveMessage } from './model.ts';
import { LIVE_CHANNEL, parseLiveMessage } from './messages.ts';

export type LiveSubscriber = (message: LiveMessage) => void;

/** What an event stream needs from a listener (a seam for unit tests). */
export interface LiveSource {
  /** Follows one article's messages until the returned function is called (calling it twice is harmless). */
  subscribe(articleId: string, onMessage: LiveSubscriber): () => void;
  /** Resolves once the connection LISTENs (at once when it does); rejects if the listener is closed. */
  whenListening(): Promise<void>;
  /**
   * Calls `onChange` when the user is disabled or changes role or password, and after an outage
   * (when such a change may have gone unheard), until the returned function is called. It does
   * not keep the connection open by itself: it goes with an article subscription.
   */
  watchAccount(userId: string, onChange: () => void): () => void;
}

export interface LiveListenerOptions {
  connectionString: string;
  channel?: string;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Delay before the first reconnection attempt; it doubles per failure up to reconnectMaxMs (with jitter). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How long the connection stays open after the last subscriber leaves (0: close at once). */
  idleCloseMs?: number;
  /** How often the idle connection is checked with a query: a silently dead TCP connection is otherwise never noticed. */
  pingMs?: number;
  connectTimeoutMs?: number;
  log?: (line: string) => void;
}

type State = 'idle' | 'connecting' | 'listening' | 'retrying' | 'closed';

export class LiveListener implements LiveSource {
  readonly #options: Required<LiveListenerOptions>;
  readonly #subscribers = new Map<string, Set<LiveSubscriber>>();
  readonly #accountWatchers = new Map<string, Set<() => void>>();
  #subscriberCount = 0;
  #state: State = 'idle';
  #client: pg.Client | null = null;
  /** Failed attempts since the connection last worked; sets the backoff. */
  #failures = 0;
  /** A connection was lost or an attempt failed while someone listened: they may have missed messages. */
  #missedMessages = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(options: LiveListenerOptions) {
    this.#options = {
      channel: LIVE_CHANNEL,
      applicationName: 'newsmark-live',
      reconnectMinMs: 250,
      reconnectMaxMs: 10_000,
      idleCloseMs: 30_000,
      pingMs: 30_000,
      connectTimeoutMs: 5_000,
      log: (line) => console.warn(`[live] ${line}`),
      ...options,
    };
  }

  /** True while the connection LISTENs, i.e. messages are being received. */
  get listening(): boolean {
    return this.#state === 'listening';
  }

  get subscriberCount(): number {
    return this.#subscriberCount;
  }

  subscribe(articleId: string, onMessage: LiveSubscriber): () => void {
    if (this.#state === 'closed') throw new Error('The live listener is closed.');
    // A new function per subscription, so the same callback can follow two articles or one twice.
    const subscriber: LiveSubscriber = (message) => onMessage(message);
    let set = this.#subscribers.get(articleId);
    if (!set) this.#subscribers.set(articleId, (set = new Set()));
    set.add(subscriber);
    this.#subscriberCount++;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (this.#state === 'idle') void this.#connect();

    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(subscriber);
      if (set.size === 0 && this.#subscribers.get(articleId) === set) this.#subscribers.delete(articleId);
      if (--this.#subscriberCount === 0) this.#scheduleIdleClose();
    };
  }

  watchAccount(userId: string, onChange: () => void): () => void {
    const watcher = () => onChange();
    let set = this.#accountWatchers.get(userId);
    if (!set) this.#accountWatchers.set(userId, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.#accountWatchers.get(userId) === set) this.#accountWatchers.delete(userId);
    };
  }

  whenListening(): Promise<void> {
    if (this.#state === 'listening') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(new Error('The live listener is closed.'));
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Ends the connection and every timer for good; subscribe() throws afterwards. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#idleTimer);
    this.#subscribers.clear();
    this.#accountWatchers.clear();
    this.#subscriberCount = 0;
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) waiter.reject(new Error('The live listener is closed.'));
    await this.#dropClient();
  }

  // ─── Connection ──────────────────────────────────────────────────────────────────────

  async #connect(): Promise<void> {
    this.#state = 'connecting';
    let client: pg.Client;
    try {
      client = new pg.Client({
        connectionString: this.#options.connectionString,
        application_name: this.#options.applicationName,
        connectionTimeoutMillis: this.#options.connectTimeoutMs,
        // Bounds the ping, so a connection that stopped answering is noticed.
        query_timeout: this.#options.connectTimeoutMs,
        keepAlive: true,
      });
    } catch (error) {
      // A malformed URL: retrying cannot help; the next subscriber tries again.
      this.#state = 'idle';
      this.#options.log(`Cannot open a LISTEN connection: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.#client = client;
    // A connection error after connect() arrives as an 'error' event (unhandled, it would crash
    // the process) and then 'end'; both mean the connection is gone.
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('The connection ended.')));
    client.on('notification', (notification) => {
      if (this.#client !== client || notification.channel !== this.#options.channel) return;
      const message = parseLiveMessage(notification.payload);
      if (message?.t === 'account') this.#callAccountWatchers(message.userId);
      else if (message) this.#dispatch(message.articleId, message);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.#options.channel)}`);
    } catch (error) {
      this.#lost(client, error);
      return;
    }
    if (this.#client !== client) return; // closed or given up meanwhile; #lost/#dropClient ended it
    this.#state = 'listening';
    if (this.#failures > 0) this.#options.log(`Listening again on "${this.#options.channel}" after ${this.#failures} failed attempt(s).`);
    this.#failures = 0;
    this.#schedulePing(client);
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
    if (this.#missedMessages) {
      this.#missedMessages = false;
      this.#deliverToAll({ t: 'resync' });
      for (const userId of [...this.#accountWatchers.keys()]) this.#callAccountWatchers(userId);
    }
    if (this.#subscriberCount === 0) this.#scheduleIdleClose();
  }

  /** The connection `client` failed (or an attempt to open it did): drop it, and retry while anyone listens. */
  #lost(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return; // an old connection's late events
    const wasListening = this.#state === 'listening';
    void this.#dropClient();
    if (this.#subscriberCount === 0) {
      this.#state = 'idle';
      this.#missedMessages = false;
      return;
    }
    // Once per outage: the browsers say they are reconnecting until the resync that ends it.
    if (!this.#missedMessages) this.#deliverToAll({ t: 'reconnecting' });
    this.#missedMessages = true;
    this.#failures++;
    const delay = Math.min(this.#options.reconnectMaxMs, this.#options.reconnectMinMs * 2 ** (this.#failures - 1));
    const jittered = Math.round(delay * (0.5 + Math.random() / 2));
    const reason = error instanceof Error ? error.message : String(error);
    this.#options.log(`${wasListening ? 'Lost the LISTEN connection' : 'Could not LISTEN'} (${reason}); retrying in ${jittered} ms.`);
    this.#state = 'retrying';
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#state === 'retrying') void this.#connect();
    }, jittered);
    this.#retryTimer.unref();
  }

  async #dropClient(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    clearTimeout(this.#pingTimer);
    this.#pingTimer = undefined;
    if (!client) return;
    client.removeAllListeners('notification');
    client.removeAllListeners('end');
    // Keep swallowing errors: a socket torn down while ending may still emit one.
    client.removeAllListeners('error');
    client.on('error', () => {});
    await client.end().catch(() => {});
  }

  #schedulePing(client: pg.Client): void {
    this.#pingTimer = setTimeout(() => {
      if (this.#client !== client) return;
      client.query('SELECT 1').then(
        () => {
          if (this.#client === client) this.#schedulePing(client);
        },
        (error: unknown) => this.#lost(client, error),
      );
    }, this.#options.pingMs);
    this.#pingTimer.unref();
  }

  #scheduleIdleClose(): void {
    clearTimeout(this.#idleTimer);
    const closeIfStillIdle = () => {
      this.#idleTimer = undefined;
      if (this.#subscriberCount > 0 || this.#state === 'closed' || this.#state === 'idle') return;
      clearTimeout(this.#retryTimer);
      this.#state = 'idle';
      this.#missedMessages = false;
      this.#failures = 0;
      void this.#dropClient();
    };
    if (this.#options.idleCloseMs <= 0) return closeIfStillIdle();
    this.#idleTimer = setTimeout(closeIfStillIdle, this.#options.idleCloseMs);
    this.#idleTimer.unref();
  }

  // ─── Fan-out ─────────────────────────────────────────────────────────────────────────

  #dispatch(articleId: string, message: LiveMessage): void {
    const set = this.#subscribers.get(articleId);
    // A copy: a subscriber may unsubscribe (or another subscribe) while being called.
    if (set) for (const subscriber of [...set]) this.#deliver(subscriber, message);
  }

  #deliverToAll(message: LiveMessage): void {
    for (const set of [...this.#subscribers.values()]) for (const subscriber of [...set]) this.#deliver(subscriber, message);
  }

  #callAccountWatchers(userId: string): void {
    const set = this.#accountWatchers.get(userId);
    if (!set) return;
    for (const watcher of [...set]) {
      try {
        watcher();
      } catch (error) {
        this.#options.log(`An account watcher failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  #deliver(subscriber: LiveSubscriber, message: LiveMessage): void {
    try {
      subscriber(message);
    } catch (error) {
      // One broken subscriber must not starve the others.
      this.#options.log(`A subscriber failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// ─── The process's listener ──────────────────────────────────────────────────────────────

// Next's dev server re-evaluates modules on every change; keep one listener (and connection) on globalThis.
const globalForLive = globalThis as unknown as { newsmarkLiveListener?: LiveListener };

/** The listener of this process, on DATABASE_URL like lib/db.ts. Created on first use; connects on the first subscriber. */
export function liveListener(): LiveListener {
  if (!globalForLive.newsmarkLiveListener) {
    const connectionString = env().DATABASE_URL;
    if (!connectionString) {
      throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which provides an embedded PostgreSQL.');
    }
    globalForLive.newsmarkLiveListener = new LiveListener({ connectionString });
  }
  return globalForLive.newsmarkLiveListener;
}

/** Follows the live messages of one article; returns the function that stops following. */
export function subscribeToArticle(articleId: string, onMessage: LiveSubscriber): () => void {
  return liveListener().subscribe(articleId, onMessage);
}

/** Closes the process's listener, e.g. before stopping an embedded server; the next use opens a new one. */
export async function closeLiveListener(): Promise<void> {
  const listener = globalForLive.newsmarkLiveListener;
  globalForLive.newsmarkLiveListener = undefined;
  await listener?.close();
}
