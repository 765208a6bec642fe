/**
 * `npm run db:deploy`: applies the pending migrations of prisma/migrations to DATABASE_URL,
 * or to the project's embedded PostgreSQL when it is unset. Stands in for
 * `prisma migrate deploy`, which needs a native engine that cannot be downloaded here.
 */
import { resolveDatabase } from '../lib/database-url.ts';
import { applyMigrations } from './schema-engine.ts';

const log = (line: string) => console.log(`[db:deploy] ${line}`);

async function main() {
  const { url, embedded } = await resolveDatabase({ log });
  try {
    const applied = await applyMigrations(url);
    log(
      applied.length
        ? `Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}`
        : 'No pending migrations: the database is up to date.',
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[db:deploy] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
