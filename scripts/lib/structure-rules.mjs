// The structure rules' lists, in one place: eslint.config.mjs and scripts/check-structure.ts both
// read them, so an exception is granted once, with its reason, and shows up in review.

/**
 * Modules besides queries.ts and mutations.ts that may import the database client, each with the
 * reason it cannot be a query or mutation file of its domain.
 */
export const DATABASE_MODULES = {
  'lib/db.ts': 'creates the client',
  'lib/health.ts': "the readiness probe's ping",
  'lib/live/listener.ts': 'LISTEN holds a pg connection of its own, which Prisma cannot',
  'lib/import-jobs/job-liveness.ts': 'heartbeats and the sweep of dead jobs run on timers beside requests, with their own outage log',
  'lib/auth/login-throttle.ts': "the throttle's reserve and settle statements are one locking protocol, kept in one file",
  'lib/articles/text-cache.ts': "a process cache in front of the one read of an article's text",
  'lib/idempotency/store.ts': 'the Idempotency-Key store: the read, write and purge of its one table',
  'lib/annotations/create-statement.ts': "the one-statement create: a CTE too long to sit among mutations.ts's Prisma calls, which call it",
};
