/**
 * `npx tsx scripts/db/regenerate-init.ts`: rebuilds prisma/migrations/<timestamp>_init from
 * the current prisma/schema.prisma (diffed against an empty database) followed by the
 * hand-written invariants in scripts/db/init-invariants.sql, and resets schema.prisma.last.
 *
 * NEVER use it once the init migration has been committed: databases that applied it record
 * its checksum, and rewriting it would leave them with a schema the history no longer
 * describes. From then on every change is a new migration (npm run db:migrate). The script
 * refuses when init is in git's HEAD or when other migrations exist.
 */
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../lib/project.ts';
import { startTestServer } from '../lib/test-database.ts';
import { diffDatamodels, migrationsDir, newMigrationName, readMigrations, schemaPath, writeMigration } from './schema-engine.ts';

const log = (line: string) => console.log(`[regenerate-init] ${line}`);

async function main() {
  const folders = (await readMigrations()).migrationDirectories.map((m) => m.path);
  const others = folders.filter((name) => !/^\d{14}_init$/.test(name));
  if (others.length) throw new Error(`Other migrations exist (${others.join(', ')}): the init migration has shipped and must not change.`);
  const existing = folders[0];
  if (existing) {
    const relative = path.relative(projectRoot, path.join(migrationsDir, existing, 'migration.sql'));
    const committed = spawnSync('git', ['cat-file', '-e', `HEAD:${relative}`], { cwd: projectRoot }).status === 0;
    if (committed) throw new Error(`${relative} is committed: the init migration has shipped and must not change.`);
  }

  const schema = await readFile(schemaPath, 'utf8');
  const invariants = await readFile(path.join(import.meta.dirname, 'init-invariants.sql'), 'utf8');
  // The engine only needs some connection to diff; a throwaway server leaves .data alone.
  const server = await startTestServer();
  try {
    const sql = `${(await diffDatamodels(null, schema, server.serverUrl)).trimEnd()}\n${invariants}`;
    // Keep the original folder name: the timestamp says when the history began.
    if (existing) await rm(path.join(migrationsDir, existing), { recursive: true });
    const file = await writeMigration(existing ?? (await newMigrationName('init')), sql, schema);
    log(`Wrote ${path.relative(projectRoot, file)} and prisma/migrations/schema.prisma.last.`);
    log('Databases that applied an earlier version of it keep their old schema: recreate them (for the embedded one, delete .data/postgres).');
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[regenerate-init] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
