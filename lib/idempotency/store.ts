import { db } from '@/lib/db.ts';
import { utcTimestamp } from '@/lib/sql-time.ts';
import { KEY_LIFETIME_MS } from './key.ts';

/** What is known about a user's key: the answer stored for it, or only the audit row that claimed it. */
export type KeyRecord =
  | { source: 'response'; fingerprint: string; status: number; contentType: string | null; body: Uint8Array }
  | { source: 'audit'; fingerprint: string; action: string; entity: string; entityId: string };

interface KeyRow {
  source: 'response' | 'audit';
  fingerprint: string;
  status: number | null;
  contentType: string | null;
  body: Uint8Array | null;
  action: string | null;
  entity: string | null;
  entityId: string | null;
}

const lifetimeStart = () => utcTimestamp(new Date(Date.now() - KEY_LIFETIME_MS));

/**
 * The stored answer for (user, key), else the audit row that claimed the key, within the key's
 * lifetime. One statement, which also releases the key from an audit row older than that, so
 * the key can be claimed again (through the unique index: a lookup, not a scan).
 */
export async function findKey(userId: string, key: string): Promise<KeyRecord | null> {
  const since = lifetimeStart();
  const rows = await db().$queryRaw<KeyRow[]>`
    WITH released AS (
      UPDATE "AuditEvent" SET "idempotencyKey" = NULL, "idempotencyFingerprint" = NULL
      WHERE "actorId" = ${userId} AND "idempotencyKey" = ${key} AND "createdAt" < ${since}
      RETURNING 1
    )
    SELECT 'response' AS source, fingerprint, status, "contentType", body, NULL AS action, NULL AS entity, NULL AS "entityId"
      FROM "IdempotentResponse" WHERE "userId" = ${userId} AND key = ${key} AND "createdAt" >= ${since}
    UNION ALL
    SELECT 'audit', "idempotencyFingerprint", NULL, NULL, NULL, action, entity, "entityId"
      FROM "AuditEvent" WHERE "actorId" = ${userId} AND "idempotencyKey" = ${key} AND "createdAt" >= ${since}
    ORDER BY source DESC
    LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  return row.source === 'response'
    ? { source: 'response', fingerprint: row.fingerprint, status: row.status!, contentType: row.contentType, body: row.body! }
    : { source: 'audit', fingerprint: row.fingerprint, action: row.action!, entity: row.entity!, entityId: row.entityId! };
}

export interface StoredAnswer {
  userId: string;
  key: string;
  fingerprint: string;
  status: number;
  contentType: string | null;
  body: Uint8Array<ArrayBuffer>;
}

/** Keeps an answer for retries; a row past its lifetime is replaced, a live one kept (the first answer wins). */
export async function storeAnswer(answer: StoredAnswer): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "IdempotentResponse" ("userId", key, fingerprint, status, "contentType", body, "createdAt")
    VALUES (${answer.userId}, ${answer.key}, ${answer.fingerprint}, ${answer.status}, ${answer.contentType}, ${Buffer.from(answer.body)}, ${utcTimestamp(new Date())})
    ON CONFLICT ("userId", key) DO UPDATE
      SET fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status, "contentType" = EXCLUDED."contentType", body = EXCLUDED.body, "createdAt" = EXCLUDED."createdAt"
      WHERE "IdempotentResponse"."createdAt" < ${lifetimeStart()}`;
  purgeNowAndThen();
}

const PURGE_EVERY_MS = 10 * 60 * 1000;
let lastPurge = 0;

/**
 * Drops expired answers and releases expired keys from audit rows, at most every ten minutes per
 * process and off the request's path: both go through indexes on the time, so each run touches
 * only what expired since the last one.
 */
function purgeNowAndThen(): void {
  if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = Date.now();
  const since = lifetimeStart();
  void Promise.all([
    db().$executeRaw`DELETE FROM "IdempotentResponse" WHERE "createdAt" < ${since}`,
    db()
      .$executeRaw`UPDATE "AuditEvent" SET "idempotencyKey" = NULL, "idempotencyFingerprint" = NULL WHERE "idempotencyKey" IS NOT NULL AND "createdAt" < ${since}`,
  ]).catch((error: unknown) => console.error('[idempotency] purge failed', error));
}
