import { env } from '../../lib/env.ts';
import type { TestProject } from 'vitest/node';
import { openTestDatabases, type TestDatabases } from './databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
  }
}

/**
 * Once per run. `npm test` hands over a server with the template ready; run alone
 * (`npx vitest --project integration`) this starts its own.
 */
export default async function setup(project: TestProject) {
  let databases: TestDatabases | undefined;
  const { TEST_DATABASE_URL, TEST_TEMPLATE_READY } = env();
  let serverUrl = TEST_DATABASE_URL;
  if (!serverUrl || TEST_TEMPLATE_READY !== '1') {
    databases = await openTestDatabases();
    serverUrl = databases.serverUrl;
  }
  project.provide('testServerUrl', serverUrl);
  return async () => databases?.close();
}
