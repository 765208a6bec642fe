/**
 * Databases for the integration and end-to-end tests: one migrated template per test run,
 * and a fresh copy of it per test file (`CREATE DATABASE … TEMPLATE`, a few milliseconds).
 *
 * The server is TEST_DATABASE_URL when set (any PostgreSQL >= 13 whose user may CREATE
 * DATABASE; its own database in the URL is only used to connect), otherwise a throwaway
 * embedded cluster in a temporary folder with fsync off, deleted again by close().
 */
import { env } from '../../lib/env.ts';
import { mkdtemp, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../db/schema-engine.ts';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.ts';

export const TEMPLATE_DATABASE = 'newsmark_template';

export interface TestServer {
  /** A URL of the server that may create and drop databases; pass it on as TEST_DATABASE_URL. */
  serverUrl: string;
  embedded: RunningPostgres | null;
  /** Stops and deletes the throwaway cluster; a no-op for TEST_DATABASE_URL. */
  close(): Promise<void>;
}

export async function startTestServer(log?: (line: string) => void): Promise<TestServer> {
  const { TEST_DATABASE_URL } = env();
  if (TEST_DATABASE_URL) return { serverUrl: TEST_DATABASE_URL, embedded: null, close: async () => {} };
  const dir = await mkdtemp(path.join(await scratchFolder(), 'newsmark-test-pg-'));
  try {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), durable: false, log });
    return {
      serverUrl: embedded.url('postgres'),
      embedded,
      close: async () => {
        await embedded.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** (Re)creates the template database with every migration applied. Once per test run. */
export async function createTemplateDatabase(serverUrl = defaultServerUrl()): Promise<string[]> {
  await dropDatabase(TEMPLATE_DATABASE, serverUrl);
  await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(TEMPLATE_DATABASE)}`));
  const applied = await applyMigrations(databaseUrl(serverUrl, TEMPLATE_DATABASE));
  // A connection to a template makes CREATE DATABASE … TEMPLATE fail; refuse them from now on.
  await withServer(serverUrl, (c) => c.query(`ALTER DATABASE ${c.escapeIdentifier(TEMPLATE_DATABASE)} ALLOW_CONNECTIONS false`));
  return applied;
}

/** Creates database `name` as a copy of the migrated template; returns its URL. */
export async function cloneDatabase(name: string, serverUrl = defaultServerUrl()): Promise<string> {
  await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(checkName(name))} TEMPLATE ${c.escapeIdentifier(TEMPLATE_DATABASE)}`));
  return databaseUrl(serverUrl, name);
}

/** Drops database `name` if it exists, closing any connections a test left open. */
export async function dropDatabase(name: string, serverUrl = defaultServerUrl()): Promise<void> {
  await withServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(checkName(name))} WITH (FORCE)`));
}

/** The server URL pointed at another database of the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/**
 * Every CREATE DATABASE creates hundreds of files; on a RAM-backed /dev/shm that is an order
 * of magnitude faster than on the CI machines' disks. Docker gives /dev/shm only 64 MB, too
 * little for a cluster, so it is used only when roomy.
 */
async function scratchFolder(): Promise<string> {
  const shm = await statfs('/dev/shm').catch(() => null);
  return shm && shm.bavail * shm.bsize >= 2 * 1024 ** 3 ? '/dev/shm' : os.tmpdir();
}

function defaultServerUrl(): string {
  const url = env().TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: start a test server first (startTestServer) and pass its serverUrl on.');
  return url;
}

function checkName(name: string): string {
  // PostgreSQL silently truncates longer names, which would hand out a URL to a missing database.
  if (!name || Buffer.byteLength(name) > 63) throw new Error(`Database name "${name}" must be 1 to 63 bytes long.`);
  return name;
}

async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
