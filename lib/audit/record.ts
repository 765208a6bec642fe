import { isUniqueViolation, type DbTx, type Prisma } from '../db.ts';
import { idempotencyClaim, noteAuditInsertFailure } from '../idempotency/context.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string; // e.g. "user.create", "user.role"
  entity: string; // e.g. "User"
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/**
 * The row an audit entry is stored as. The one place that builds it, so that every write, however
 * it inserts its audit row, claims the request's Idempotency-Key in its own transaction (the first
 * row of the request carries the key and the request's fingerprint; lib/idempotency/).
 */
export function auditData(entry: AuditEntry): Prisma.AuditEventUncheckedCreateInput {
  return { ...entry, ...idempotencyClaim(entry.actorId) };
}

/** Every write leaves one; call it inside the same transaction as the write it describes. */
export async function recordAudit(tx: DbTx, entry: AuditEntry): Promise<void> {
  const data = auditData(entry);
  try {
    await tx.auditEvent.create({ data });
  } catch (error) {
    // Callers may turn a unique violation into their own answer; the lost claim must not be mistaken for it.
    noteAuditInsertFailure(data, isUniqueViolation(error));
    throw error;
  }
}
