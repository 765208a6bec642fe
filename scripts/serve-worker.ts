/**
 * One app process of a cluster (scripts/lib/cluster.ts): serves what the primary says on the
 * shared port. The primary prepared the database and decides when to stop: Ctrl-C reaches the
 * whole process group, so SIGINT is left to it; SIGTERM (from the primary) or losing the primary
 * closes this server and its database pool.
 */
import { env } from '../lib/env.ts';
import { disconnectDb } from '../lib/db.ts';
import { SERVE_OPTIONS_ENV } from './lib/cluster.ts';
import { serve, type ServeOptions } from './serve.ts';

const options = JSON.parse(env().NEWSMARK_SERVE_OPTIONS ?? 'null') as ServeOptions | null;
if (!options) throw new Error(`${SERVE_OPTIONS_ENV} is not set: this script is started by scripts/lib/cluster.ts.`);

const server = await serve(options);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await disconnectDb();
  process.exit(0);
};
process.on('SIGINT', () => {});
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
