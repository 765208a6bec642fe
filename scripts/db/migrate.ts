/**
 * `npm run db:migrate -- --name <name>`: turns the changes made to prisma/schema.prisma since
 * the last migration into a new prisma/migrations/<timestamp>_<name>/migration.sql, then
 * applies every pending migration (to DATABASE_URL, or the embedded PostgreSQL).
 *
 * It diffs two datamodels, the schema as last migrated (prisma/migrations/schema.prisma.last)
 * and the current one, because Prisma's own `migrate dev` needs a native engine and a
 * shadow database. Review the SQL before committing it: renames come out as drop + add, and
 * invariants written by hand in earlier migrations are invisible to the diff.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabase } from '../lib/database-url.ts';
import { projectRoot } from '../lib/project.ts';
import { applyMigrations, diffDatamodels, lastMigratedSchemaPath, newMigrationName, readMigrations, schemaPath, writeMigration } from './schema-engine.ts';

const log = (line: string) => console.log(`[db:migrate] ${line}`);

async function main() {
  const { values } = parseArgs({ options: { name: { type: 'string', short: 'n' } } });
  const current = await readFile(schemaPath, 'utf8');
  const last = existsSync(lastMigratedSchemaPath) ? await readFile(lastMigratedSchemaPath, 'utf8') : null;
  if (last === null && (await readMigrations()).migrationDirectories.length > 0) {
    throw new Error(
      `${path.relative(projectRoot, lastMigratedSchemaPath)} is missing although migrations exist; restore it from git (it is the schema as of the newest migration).`,
    );
  }

  const { url, embedded } = await resolveDatabase({ log });
  try {
    const sql = await diffDatamodels(last, current, url);
    if (!sql) {
      log('No changes in prisma/schema.prisma since the last migration.');
    } else {
      if (!values.name) throw new Error('prisma/schema.prisma changed: name the migration, e.g. npm run db:migrate -- --name add_article_tags');
      const folder = await newMigrationName(values.name);
      const file = await writeMigration(folder, sql, current);
      log(`Created ${path.relative(projectRoot, file)}; review it before committing.`);
    }
    const applied = await applyMigrations(url);
    log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations to apply.');
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[db:migrate] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
