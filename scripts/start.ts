/**
 * `npm start`: the whole workbench from one command. Without DATABASE_URL it runs an embedded
 * PostgreSQL in .data/, migrates, seeds demo data on the first run, builds when sources changed,
 * and serves. With DATABASE_URL it migrates and serves, seeding nothing (use `npm run db:seed`).
 * With WEB_CONCURRENCY=N it serves from N app processes on the same port (scripts/lib/cluster.ts);
 * this process prepares the database once, prints the URL once and stops everything on Ctrl-C.
 */
import { env } from '../lib/env.ts';
import { disconnectDb } from '../lib/db.ts';
import { seedDemoData, databaseHasUsers } from './db/demo-data.ts';
import { applyMigrations } from './db/schema-engine.ts';
import { ensureBuild } from './lib/build.ts';
import { serveProcesses } from './lib/cluster.ts';
import { resolveDatabase } from './lib/database-url.ts';
import { ensureSessionSecret, formatDemoLogins, projectRoot, readDemoLogins, saveDemoLogins } from './lib/project.ts';

const log = (line: string) => console.log(`[newsmark] ${line}`);
const started = performance.now();
const dev = process.argv.includes('--dev');

async function prepareDatabase() {
  const { url, embedded } = await resolveDatabase({ log });
  process.env.DATABASE_URL = url;
  const applied = await applyMigrations(url);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  if (embedded && !(await databaseHasUsers())) {
    const { logins, articlesCreated } = await seedDemoData();
    await saveDemoLogins(logins);
    log(`Seeded ${logins.length} demo users and ${articlesCreated} demo articles.`);
  }
  return embedded;
}

async function main() {
  const secret = await ensureSessionSecret();
  if (secret === 'generated') log('Generated a session secret in .data/nextauth-secret (set NEXTAUTH_SECRET to use your own).');
  // Every variable checked before anything starts: a bad one stops here, named.
  const { PORT: port, HOST: hostname, WEB_CONCURRENCY } = env();
  process.env.NEXTAUTH_URL ??= `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // The dev server recompiles in place; several of them would each compile everything.
  const processes = dev ? 1 : WEB_CONCURRENCY;

  // The database and the build do not depend on each other: prepare both at once.
  const [embedded] = await Promise.all([prepareDatabase(), dev ? Promise.resolve('dev') : ensureBuild(log)]);

  let stopping = false;
  const stopDatabase = async () => embedded?.stop();
  let server: Awaited<ReturnType<typeof serveProcesses>>;
  try {
    // Forked app processes open their own pools; this one's, used to migrate and seed, is not needed.
    if (processes > 1) await disconnectDb();
    server = await serveProcesses({ dir: projectRoot, port, hostname, dev }, processes, log);
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the server${embedded ? ' and the database' : ''}…`);
    await server.close();
    await disconnectDb();
    await stopDatabase();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s on ${server.url}${processes > 1 ? ` (${processes} app processes)` : ''}`);
  if (embedded) {
    const demo = formatDemoLogins(await readDemoLogins());
    if (demo) console.log(demo);
  }
}

main().catch((error: unknown) => {
  console.error('[newsmark] Could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
