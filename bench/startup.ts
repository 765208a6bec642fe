/**
 * `npm run bench:startup`: how long `npm start` takes to answer, against references measured in
 * the same run on the same machine: a bare Node HTTP server, and PostgreSQL alone.
 *   cold: a new data folder (initdb, migrations, demo seed), build already current
 *   warm: a later start on existing data
 * Targets (issue 2): first start under 60 s after install, later start under 10 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild } from '../scripts/lib/build.ts';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { projectRoot } from '../scripts/lib/project.ts';
import { printTable } from './stats.ts';
import { freePort } from './free-port.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Milliseconds from spawning `command` until `url` answers 200. */
async function timeUntilServing(command: string, args: string[], url: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; child: ChildProcess }> {
  const start = performance.now();
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode} before serving`);
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { ms: performance.now() - start, child };
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

async function appStart(dataDir: string): Promise<number> {
  const port = await freePort();
  // Without DATABASE_URL (spawn leaves undefined variables out), so start.ts runs its embedded
  // PostgreSQL in the scratch folder.
  const env = { ...process.env, PORT: String(port), NEWSMARK_DATA_DIR: dataDir, DATABASE_URL: undefined };
  const { ms, child } = await timeUntilServing(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], `http://127.0.0.1:${port}/api/health`, env);
  await stop(child);
  return ms;
}

async function main() {
  await ensureBuild((line) => console.log(line));
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'newsmark-bench-'));
  const samples: Record<string, number[]> = { node: [], pgCold: [], pgWarm: [], appCold: [], appWarm: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      const port = await freePort();
      const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
      const { ms, child } = await timeUntilServing(process.execPath, ['-e', bare], `http://127.0.0.1:${port}/`, process.env);
      samples.node!.push(ms);
      await stop(child);

      const pgDir = path.join(scratch, `pg-${i}`);
      for (const kind of ['pgCold', 'pgWarm'] as const) {
        const t = performance.now();
        const pg = await startEmbeddedPostgres({ dataDir: pgDir, durable: true });
        samples[kind]!.push(performance.now() - t);
        await pg.stop();
      }

      const appDir = path.join(scratch, `app-${i}`);
      samples.appCold!.push(await appStart(appDir));
      samples.appWarm!.push(await appStart(appDir));
      process.stdout.write('.');
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  printTable('Start-up until the first 200 (npm start = scripts/start.ts, production build current)', 'ms', [
    { name: 'bare Node HTTP server', samples: samples.node! },
    { name: 'PostgreSQL alone, new data (initdb)', samples: samples.pgCold! },
    { name: 'PostgreSQL alone, existing data', samples: samples.pgWarm! },
    { name: 'npm start, first run (initdb+migrate+seed)', samples: samples.appCold!, reference: 'PostgreSQL alone, new data (initdb)' },
    { name: 'npm start, later run', samples: samples.appWarm!, reference: 'bare Node HTTP server' },
  ]);
}

await main();
