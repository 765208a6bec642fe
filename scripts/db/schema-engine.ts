/**
 * Migrations through Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm, pinned),
 * talking to PostgreSQL through @prisma/adapter-pg. Prisma's own `migrate` commands need a
 * native engine that cannot be downloaded here; this engine is the same Rust code, so the
 * `_prisma_migrations` table it keeps is exactly what a stock `prisma migrate deploy` expects.
 *
 * The engine's JavaScript API is internal to Prisma (hence the exact version pin). It needs a
 * live connection even to diff two datamodels, so every entry point takes a database URL.
 */
import { env } from '../../lib/env.ts';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { projectRoot } from '../lib/project.ts';

export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * @prisma/adapter-pg 7.10 runs a migration script by splitting it at every ';', which breaks
 * function bodies ($$ … $$) and any literal or comment holding a ';', and runs the pieces one
 * by one. Send the script whole instead, as Prisma's native engine does: one simple-protocol
 * query, which PostgreSQL runs as a single implicit transaction (a failed migration leaves
 * nothing half-applied).
 */
class WholeScriptPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver() as pg.Pool;
    // onError is private in the typings; it maps a pg error to Prisma's DriverAdapterError and throws.
    const reportError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        reportError(error);
      }
    };
    return adapter;
  }
}

let instantiated: Promise<void> | undefined;

/**
 * The engine arms a timer for its timeouts (10 s) and never clears it, which kept every
 * script alive 10 s after its work was done. We track those timers and clear them once
 * no engine is at work.
 */
const engineTimers = new Set<NodeJS.Timeout>();
let enginesAtWork = 0;

function trackedSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    engineTimers.delete(timer);
    callback();
  }, ms >>> 0);
  engineTimers.add(timer);
  return timer;
}

/** The package's own entry point imports the .wasm file as an ES module, which Node cannot do. */
function instantiateEngine(): Promise<void> {
  instantiated ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const glue: WebAssembly.ModuleImports = { ...(bindings as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(glue).filter((key) => key.startsWith('__wbg_setTimeout_'))) glue[name] = trackedSetTimeout;
    const imports = { './schema_engine_bg.js': glue };
    const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), imports);
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return instantiated;
}

/** Runs `work` with an engine connected to `databaseUrl`, then releases the engine and its connections. */
async function withEngine<T>(databaseUrl: string, schemaText: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await instantiateEngine();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const engineLog: string[] = [];
  let engine: SchemaEngine | undefined;
  enginesAtWork++;
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new WholeScriptPrismaPg(pool));
    engine = await bindings.SchemaEngine.new({ datamodels: [['schema.prisma', schemaText]] }, (line: string) => engineLog.push(line), adapter);
    return await work(engine);
  } catch (error) {
    const detail = env().DEBUG_SCHEMA_ENGINE ? `\nEngine log:\n${engineLog.join('\n')}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  } finally {
    engine?.free();
    await pool.end();
    if (--enginesAtWork === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
}

/** The migrations folder as Prisma's CLI hands it to the engine: every sub-folder is one migration. */
export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const lockfilePath = 'migration_lock.toml';
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: Error) => ({ tag: 'error' as const, value: error.message }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return {
    baseDir: dir,
    lockfile: { path: lockfilePath, content: await readFile(path.join(dir, lockfilePath), 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/**
 * Applies the migrations not yet recorded in the database's `_prisma_migrations` table, in
 * name order, each in its own transaction; returns their names (empty when up to date).
 * Refuses, like `prisma migrate deploy`, when an applied migration has failed.
 */
export async function applyMigrations(databaseUrl: string, dir = migrationsDir): Promise<string[]> {
  const migrationsList = await readMigrations(dir);
  const schemaText = await readFile(schemaPath, 'utf8');
  try {
    return await withEngine(databaseUrl, schemaText, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return appliedMigrationNames;
    });
  } catch (error) {
    throw new Error(`Applying migrations from ${path.relative(projectRoot, dir)} failed: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The SQL script that turns a database shaped like `fromSchemaText` (null: an empty database)
 * into one shaped like `toSchemaText`; '' when there is no difference. The database behind
 * `databaseUrl` is only connected to, never changed.
 */
export async function diffDatamodels(fromSchemaText: string | null, toSchemaText: string, databaseUrl: string): Promise<string> {
  const datamodel = (content: string) => ({ tag: 'schemaDatamodel' as const, files: [{ path: 'schema.prisma', content }] });
  const result = await withEngine(databaseUrl, toSchemaText, (engine) =>
    engine.diff({
      from: fromSchemaText === null ? { tag: 'empty' } : datamodel(fromSchemaText),
      to: datamodel(toSchemaText),
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  // exitCode 2 means "non-empty diff"; an empty diff still yields a comment-only script.
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}

// ─── The migrations folder ──────────────────────────────────────────────────────────

/** The schema as of the newest migration: what the next migration is diffed from. */
export const lastMigratedSchemaPath = path.join(migrationsDir, 'schema.prisma.last');

/** Written like Prisma writes it; Prisma refuses to mix providers within one history. */
export async function ensureMigrationLock(dir = migrationsDir): Promise<void> {
  const file = path.join(dir, 'migration_lock.toml');
  if (existsSync(file)) return;
  await mkdir(dir, { recursive: true });
  await writeFile(file, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
}

/**
 * `<YYYYMMDDHHMMSS>_<name>` in UTC like Prisma, bumped past the newest existing migration
 * so that name order (the order of application) always follows creation order.
 */
export async function newMigrationName(name: string, dir = migrationsDir): Promise<string> {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error(`"${name}" is not a usable migration name: use letters, digits and underscores.`);
  const existing = (await readMigrations(dir)).migrationDirectories.map((m) => Number(m.path.slice(0, 14))).filter(Number.isFinite);
  const now = Number(new Date().toISOString().replace(/\D/g, '').slice(0, 14));
  return `${Math.max(now, ...existing.map((n) => n + 1))}_${slug}`;
}

/** Writes `<dir>/<folder>/migration.sql` and records `schemaText` as the last migrated schema. */
export async function writeMigration(folder: string, sql: string, schemaText: string, dir = migrationsDir): Promise<string> {
  await ensureMigrationLock(dir);
  const file = path.join(dir, folder, 'migration.sql');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, sql.endsWith('\n') ? sql : `${sql}\n`);
  await writeFile(path.join(dir, path.basename(lastMigratedSchemaPath)), schemaText);
  return file;
}
