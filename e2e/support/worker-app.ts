import { env } from '../../lib/env.ts';
import { startApp, stopApp } from '../../bench/app-server.ts';
import { cloneDatabase, dropDatabase } from '../../scripts/lib/test-database.ts';

/** The app one Playwright worker tests: its own database and server, so no other worker's data shows in it. */
export interface WorkerApp {
  baseURL: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * A copy of the migrated template (a few milliseconds) named `name`, served by the production
 * build in a process of its own on a free port. The server is the one `npm test` started and
 * passed on as TEST_DATABASE_URL, as for the integration tests.
 */
export async function startWorkerApp(name: string): Promise<WorkerApp> {
  if (!env().TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set: run the browser tests through `npm test` or `npm run test:e2e`.');
  const databaseUrl = await cloneDatabase(name);
  try {
    const app = await startApp(databaseUrl);
    return {
      baseURL: app.baseURL,
      databaseUrl,
      close: async () => {
        await stopApp(app.child);
        await dropDatabase(name);
      },
    };
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
}
