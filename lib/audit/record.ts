import { isUniqueViolation, Prisma, type DbTx } from '@/lib/db.ts';
import { idempotencyClaim, noteAuditInsertFailure } from '@/lib/idempotency/context.ts';
import { newRowId } from '@/lib/row-id.ts';
import { utcTimestamp } from '@/lib/sql-time.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string; // e.g. "user.create", "user.role"
  entity: string; // e.g. "User"
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/**
 * The row an entry becomes in "AuditEvent". Every writer of the trail goes through here (Prisma,
 * a single-statement write, the bulk import), so a field every row must carry is added once: in
 * particular the request's Idempotency-Key, which the first row of the request carries with the
 * request's fingerprint, so the key is claimed in the write's own transaction (lib/idempotency/).
 */
export function auditRow(entry: AuditEntry) {
  return {
    id: newRowId(),
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    createdAt: new Date(),
    idempotencyKey: null as string | null,
    idempotencyFingerprint: null as string | null,
    ...idempotencyClaim(entry.actorId),
  };
}
export type AuditRow = ReturnType<typeof auditRow>;

/** Every write leaves one; call it inside the same transaction as the write it describes. */
export async function recordAudit(tx: DbTx, entry: AuditEntry): Promise<void> {
  const data = auditRow(entry);
  try {
    await tx.auditEvent.create({ data });
  } catch (error) {
    // Callers may turn a unique violation into their own answer; the lost claim must not be mistaken for it.
    noteAuditInsertFailure(data, isUniqueViolation(error));
    throw error;
  }
}

const JSON_COLUMNS = new Set(['before', 'after']);

function sqlValue(column: string, value: unknown): Prisma.Sql {
  if (value === undefined || value === null) return Prisma.sql`NULL`;
  if (value instanceof Date) return utcTimestamp(value);
  if (JSON_COLUMNS.has(column)) return Prisma.sql`${JSON.stringify(value)}::jsonb`;
  return Prisma.sql`${value}`;
}

/**
 * The same row as an `INSERT … SELECT … FROM <source>`, to sit in the statement of the write it
 * describes (a CTE): the row is written when, and only when, `source` yields one, so the write
 * and its audit commit or fail together in one round trip. A unique violation of the statement
 * is the claim's (withIdempotencyKey recognises the index by name).
 */
export function auditInsertSql(entry: AuditEntry, source: Prisma.Sql): Prisma.Sql {
  // The keys of auditRow's fixed object literal: column names from this module, never from input.
  const row = Object.entries(auditRow(entry)) as [keyof ReturnType<typeof auditRow>, unknown][];
  const columns = Prisma.raw(row.map(([column]) => `"${column}"`).join(', '));
  return Prisma.sql`INSERT INTO "AuditEvent" (${columns}) SELECT ${Prisma.join(row.map(([column, value]) => sqlValue(column, value)))} FROM ${source}`;
}
