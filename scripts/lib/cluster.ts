import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { serve, serverUrl, type ServeOptions, type Server } from '../serve.ts';

/** Where a worker finds what to serve (JSON of ServeOptions), set by the primary when it forks. */
export const SERVE_OPTIONS_ENV = 'NEWSMARK_SERVE_OPTIONS';

/**
 * The app on one port from `processes` processes: in this one when 1; otherwise forked workers
 * (node:cluster) that each run the Next.js server on the shared port, with their own database pool
 * and LISTEN connection. The database was prepared by the caller, once. A worker that dies is
 * replaced; close() stops them all.
 */
export async function serveProcesses(options: ServeOptions, processes: number, log: (line: string) => void): Promise<Server> {
  if (processes <= 1) return serve(options);
  cluster.setupPrimary({ exec: fileURLToPath(new URL('../serve-worker.ts', import.meta.url)), args: [] });
  const env = { [SERVE_OPTIONS_ENV]: JSON.stringify(options) };
  let serving = false;
  let stopping = false;
  const ready = new Promise<void>((resolve, reject) => {
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === processes) resolve();
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      const how = signal ?? `exit code ${code}`;
      // A worker that cannot start at all (a broken build, the port taken) would be replaced forever.
      if (!serving) return reject(new Error(`App process ${worker.process.pid} stopped (${how}) before it served.`));
      log(`App process ${worker.process.pid} stopped (${how}); starting another.`);
      cluster.fork(env);
    });
  });
  for (let i = 0; i < processes; i++) cluster.fork(env);
  try {
    await ready;
  } catch (error) {
    stopping = true;
    await stopWorkers();
    throw error;
  }
  serving = true;
  return {
    url: serverUrl(options),
    close: async () => {
      stopping = true;
      await stopWorkers();
    },
  };
}

/** SIGTERM to each worker (it closes its server and pool), SIGKILL to one still running after 10 s. */
async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => worker.process.kill('SIGKILL'), 10_000);
          worker.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}
