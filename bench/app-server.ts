import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { applyMigrations } from '../scripts/db/schema-engine.ts';
import { ensureBuild } from '../scripts/lib/build.ts';
import { createDatabaseIfMissing } from '../scripts/lib/database-url.ts';
import { projectRoot } from '../scripts/lib/project.ts';
import { databaseUrl, dropDatabase, startTestServer } from '../scripts/lib/test-database.ts';
import { freePort } from './free-port.ts';

export interface BenchApp {
  baseURL: string;
  child: ChildProcess;
  output: string[];
}

/**
 * The variables a Playwright worker sets for its own process (its index, the runner's flags): the
 * app a worker starts is no test worker and gets none of them.
 */
const TEST_RUNNER_VARIABLE = /^(PLAYWRIGHT_|PW_|TEST_WORKER_INDEX$|TEST_PARALLEL_INDEX$)/;

function withoutTestRunner(variables: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = { ...variables };
  for (const name of Object.keys(kept)) if (TEST_RUNNER_VARIABLE.test(name)) delete kept[name];
  return kept;
}

/**
 * The production build served by scripts/serve.ts (through the e2e entry point) in its own
 * process, on database `dbUrl`; `env` adds variables for the server (e.g. login limits), and
 * `nodeArgs` options for its Node.js (e.g. --cpu-prof, which NODE_OPTIONS does not allow). The
 * bench's own environment is passed on too, so WEB_CONCURRENCY=2 there (or in `env`) serves from
 * two app processes, as `npm start` would; a Playwright worker's own variables are not.
 */
export async function startApp(dbUrl: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchApp> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'e2e/support/server.ts'], {
    cwd: projectRoot,
    env: { ...withoutTestRunner(process.env), ...env, E2E_DATABASE_URL: dbUrl, E2E_PORT: String(port), DATABASE_URL: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app server exited with ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
    if (
      await fetch(`${baseURL}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { baseURL, child, output };
    if (Date.now() > deadline) throw new Error(`The app server did not answer /api/health within 60 s:\n${output.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * A scratch database for a bench of the production build: a throwaway embedded PostgreSQL (or a
 * database created on TEST_DATABASE_URL) with the migrations applied, the build made current
 * meanwhile. `close` drops it and stops the server.
 */
export async function scratchDatabase(prefix: string, log: (line: string) => void): Promise<{ dbUrl: string; close(): Promise<void> }> {
  const [testServer] = await Promise.all([startTestServer(), ensureBuild(log)]);
  const dbName = `${prefix}_${randomBytes(4).toString('hex')}`;
  const close = async () => {
    if (!testServer.embedded) await dropDatabase(dbName, testServer.serverUrl).catch(() => {});
    await testServer.close();
  };
  try {
    await createDatabaseIfMissing(testServer.serverUrl, dbName);
    const dbUrl = databaseUrl(testServer.serverUrl, dbName);
    await applyMigrations(dbUrl);
    return { dbUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
