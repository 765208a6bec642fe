import { z } from 'zod';

/**
 * Every environment variable the app and its scripts read, parsed and checked in one place. A bad
 * value stops the start with a message naming the variable, instead of turning into NaN somewhere.
 * Read through `env()` when needed, not once at import: the scripts set DATABASE_URL, NEXTAUTH_URL
 * and NEXTAUTH_SECRET before they start the app, and tests change them between cases. No
 * `server-only` import (the start scripts run under plain Node), but no client component may
 * import this module: the browser has no such variables.
 */

/** Unset and empty mean the same: a line `X=` in a shell or a unit file asks for the default. */
const unsetIfBlank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const text = z.preprocess(unsetIfBlank, z.string().trim().optional());

function wholeNumber(min: number, max: number): z.ZodType<number | undefined>;
function wholeNumber(min: number, max: number, fallback: number): z.ZodType<number>;
function wholeNumber(min: number, max: number, fallback?: number): z.ZodType<number | undefined> {
  return text.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (/^\d+$/.test(value) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, not "${value}"` });
    return z.NEVER;
  });
}

const url = (what: string) => text.refine((value) => value === undefined || URL.canParse(value), { message: `must be ${what}` });

const flag = z
  .preprocess(unsetIfBlank, z.enum(['1', 'true', '0', 'false'], { error: 'must be 1, true, 0 or false' }).optional())
  .transform((v) => v === '1' || v === 'true');

/** Who unknown authors and reviewers of imported annotations become, unless IMPORT_PLACEHOLDER_EMAIL says otherwise. */
export const DEFAULT_PLACEHOLDER_EMAIL = 'imported@newsmark.invalid';
/** The JavaScript heap of the server in MB (scripts/lib/heap.ts says why). */
export const DEFAULT_HEAP_MB = 1024;
/** The most app processes WEB_CONCURRENCY may ask for. */
export const MAX_PROCESSES = 64;

const schema = z.object({
  // The database and the server
  DATABASE_URL: url('a postgresql:// URL'),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000, 10),
  PORT: wholeNumber(1, 65535, 3000),
  HOST: text.transform((v) => v ?? '127.0.0.1'),
  WEB_CONCURRENCY: wholeNumber(1, MAX_PROCESSES, 1),
  TRUST_PROXY: flag,
  NEWSMARK_HEAP_MB: wholeNumber(64, 1_048_576, DEFAULT_HEAP_MB),
  NEWSMARK_DATA_DIR: text.transform((v) => v ?? '.data'),
  /** Set by the cluster's primary for its workers (scripts/lib/cluster.ts), not by people. */
  NEWSMARK_SERVE_OPTIONS: text,
  // Sign-in
  NEXTAUTH_URL: url('the URL the app is reached at, e.g. https://newsmark.example.org'),
  NEXTAUTH_SECRET: text,
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: wholeNumber(1, 1_000_000, 5),
  LOGIN_MAX_FAILURES_PER_IP: wholeNumber(1, 1_000_000, 20),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: wholeNumber(1, 1_000_000, 5),
  // Imports
  IMPORT_PARSE_WORKERS: wholeNumber(0, 1024),
  IMPORT_PLACEHOLDER_EMAIL: z
    .preprocess(
      unsetIfBlank,
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: 'must be an e-mail address' }))
        .optional(),
    )
    .transform((v) => v ?? DEFAULT_PLACEHOLDER_EMAIL),
  // Tests and tooling
  TEST_DATABASE_URL: url('a postgresql:// URL'),
  /** `1` once `npm test` has prepared the template database. */
  TEST_TEMPLATE_READY: text,
  DEBUG_SCHEMA_ENGINE: text,
  CI: text,
});

export type Env = z.output<typeof schema>;

/** A start stopped by a bad variable: the message names each one and what it must be. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** The environment `source` as the app reads it; throws EnvError naming each bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}.`);
  throw new EnvError(`Invalid environment: ${problems.join(' ')}`);
}

/** The process's environment, checked. Cheap enough to call where a value is needed. */
export const env = (): Env => readEnv(process.env);
