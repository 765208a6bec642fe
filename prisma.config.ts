import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI tries to download a native schema engine for generate/validate/format.
// There is no network here and we never use that engine (migrations go through the
// WebAssembly engine in scripts/db), so point it at any existing file to keep it offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx scripts/db/seed.ts' },
  // `env('DATABASE_URL')` throws when unset, which would break `postinstall` on a clean machine.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
