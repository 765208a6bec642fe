import { env } from './env.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export { Prisma } from './generated/prisma/client.ts';
/** A client or an interactive transaction: data functions accept either so callers can compose them. */
export type DbTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

function createClient(): PrismaClient {
  const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which provides an embedded PostgreSQL.');
  }
  const adapter = new PrismaPg({
    connectionString,
    max: DATABASE_POOL_SIZE,
    // Fail fast when the server is gone, so /api/health can answer 503 promptly.
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { newsmarkDb?: PrismaClient };

/** The only Prisma client of the app. Created on first use so importing this module never needs a database. */
export function db(): PrismaClient {
  globalForDb.newsmarkDb ??= createClient();
  return globalForDb.newsmarkDb;
}

/** Whether a write failed on a unique constraint, however the driver adapter reports it (Prisma code, SQLSTATE, adapter kind). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e?.code === 'P2002' || e?.cause?.code === '23505' || e?.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

/** Closes the pool, e.g. before stopping an embedded server, so no connection is cut mid-flight. */
export async function disconnectDb(): Promise<void> {
  await globalForDb.newsmarkDb?.$disconnect();
  globalForDb.newsmarkDb = undefined;
}
