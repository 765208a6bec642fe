import { env } from '../../lib/env.ts';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoLogin } from '../db/demo-data.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Git-ignored home of everything a local install keeps: the embedded database, the session secret, demo logins. */
export const dataDir = path.resolve(projectRoot, env().NEWSMARK_DATA_DIR);

async function writePrivate(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content, { mode: 0o600 });
  await chmod(file, 0o600);
}

/** NEXTAUTH_SECRET from the environment, or one generated once and kept in the data folder. */
export async function ensureSessionSecret(): Promise<'environment' | 'stored' | 'generated'> {
  if (env().NEXTAUTH_SECRET) return 'environment';
  const file = path.join(dataDir, 'nextauth-secret');
  if (existsSync(file)) {
    process.env.NEXTAUTH_SECRET = (await readFile(file, 'utf8')).trim();
    return 'stored';
  }
  const secret = randomBytes(32).toString('base64url');
  process.env.NEXTAUTH_SECRET = secret;
  await writePrivate(file, `${secret}\n`);
  return 'generated';
}

const demoLoginsFile = path.join(dataDir, 'demo-logins.json');

export async function saveDemoLogins(logins: DemoLogin[]): Promise<void> {
  if (logins.length) await writePrivate(demoLoginsFile, `${JSON.stringify(logins, null, 2)}\n`);
}

export async function readDemoLogins(): Promise<DemoLogin[]> {
  if (!existsSync(demoLoginsFile)) return [];
  return JSON.parse(await readFile(demoLoginsFile, 'utf8')) as DemoLogin[];
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  if (!logins.length) return '';
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    'Demo logins (passwords generated for this install; change them under /account):',
    ...logins.map((l) => `  ${l.role.toLowerCase().padEnd(10)} ${l.email.padEnd(width)}  ${l.password}`),
  ].join('\n');
}
