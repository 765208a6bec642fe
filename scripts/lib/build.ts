import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './project.ts';

const INPUT_DIRS = ['app', 'components', 'lib', 'public'];
const INPUT_FILES = ['next.config.js', 'proxy.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'];
const STAMP = path.join(projectRoot, '.next', 'newsmark-source-hash');

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A hash of everything the production build is made from: a different hash means a stale build. */
export async function sourceHash(): Promise<string> {
  const files = [
    ...(await Promise.all(INPUT_DIRS.map((d) => listFiles(path.join(projectRoot, d))))).flat(),
    ...INPUT_FILES.map((f) => path.join(projectRoot, f)).filter((f) => existsSync(f)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(path.relative(projectRoot, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}

export async function buildIsCurrent(): Promise<boolean> {
  if (!existsSync(path.join(projectRoot, '.next', 'BUILD_ID')) || !existsSync(STAMP)) return false;
  return (await readFile(STAMP, 'utf8')).trim() === (await sourceHash());
}

export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
  });
}

/** Builds the production bundle unless the last build was made from the same sources. */
export async function ensureBuild(log: (line: string) => void): Promise<'current' | 'built'> {
  if (await buildIsCurrent()) return 'current';
  log('Building the app (first start or changed sources)…');
  const hash = await sourceHash();
  await runCommand(path.join(projectRoot, 'node_modules', '.bin', 'next'), ['build'], { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
  await writeFile(STAMP, `${hash}\n`);
  return 'built';
}
