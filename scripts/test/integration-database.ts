import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { disconnectDb } from '../../lib/db.ts';
import { cloneDatabase, dropDatabase } from '../lib/test-database.ts';

// Every test file gets its own database, cloned from the migrated template before the file's
// modules load, so lib/db.ts connects to it. Files can run in parallel without seeing each other.
const name = `newsmark_t_${randomBytes(6).toString('hex')}`;
const serverUrl = inject('testServerUrl');
process.env.DATABASE_URL = await cloneDatabase(name, serverUrl);

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(name, serverUrl);
});
