import type { DbTx, Prisma } from '../db.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string; // e.g. "user.create", "user.role"
  entity: string; // e.g. "User"
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Every write leaves one; call it inside the same transaction as the write it describes. */
export async function recordAudit(tx: DbTx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: entry });
}
