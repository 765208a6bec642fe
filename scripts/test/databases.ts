import { createTemplateDatabase, startTestServer } from '../lib/test-database.ts';

export interface TestDatabases {
  /** A URL of the server (any database); tests create their own databases on it. */
  serverUrl: string;
  close(): Promise<void>;
}

/** The PostgreSQL server of one test run, with the migrated template built once. */
export async function openTestDatabases(): Promise<TestDatabases> {
  const server = await startTestServer();
  try {
    const started = performance.now();
    await createTemplateDatabase(server.serverUrl);
    console.log(`Test PostgreSQL ready; template migrated in ${Math.round(performance.now() - started)} ms.`);
  } catch (error) {
    await server.close();
    throw error;
  }
  return { serverUrl: server.serverUrl, close: () => server.close() };
}
