/**
 * Which database the scripts talk to: DATABASE_URL when set, otherwise the project's own
 * embedded PostgreSQL, whose data lives in the git-ignored <project>/.data/postgres
 * (or NEWSMARK_DATA_DIR/postgres).
 */
import { env } from '../../lib/env.ts';
import path from 'node:path';
import pg from 'pg';
import { NOTICE_PREFIX, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.ts';
import { dataDir, projectRoot } from './project.ts';

export const EMBEDDED_DATABASE = 'newsmark';

export async function resolveDatabase(opts: { log?: (s: string) => void } = {}): Promise<{ url: string; embedded: RunningPostgres | null }> {
  const log = opts.log ?? (() => {});
  const { DATABASE_URL } = env();
  if (DATABASE_URL) return { url: DATABASE_URL, embedded: null };

  const pgDataDir = path.join(dataDir, 'postgres');
  const started = performance.now();
  const embedded = await startEmbeddedPostgres({
    dataDir: pgDataDir,
    durable: true,
    // The server's routine chatter stays quiet; our notices, warnings and errors reach the user.
    log: (line) => {
      if (line.startsWith(NOTICE_PREFIX)) log(line.slice(NOTICE_PREFIX.length));
      else if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) log(`postgres: ${line}`);
    },
  });
  try {
    await createDatabaseIfMissing(embedded.url('postgres'), EMBEDDED_DATABASE);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  log(
    `Embedded PostgreSQL on port ${embedded.port} (data in ${path.relative(projectRoot, pgDataDir)}), ready in ${Math.round(performance.now() - started)} ms.`,
  );
  return { url: embedded.url(EMBEDDED_DATABASE), embedded };
}

export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
