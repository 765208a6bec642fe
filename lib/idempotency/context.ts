import { AsyncLocalStorage } from 'node:async_hooks';

/** The Idempotency-Key of the API request being handled, shared with the code its handler calls. */
export interface IdempotencyContext {
  key: string;
  /** requestFingerprint of the request; a promise because it waits for the body to be hashed. */
  fingerprint: Promise<string>;
  /** The user the request acts as and the fingerprint, once authorizeApi knows the user; keys are per user. */
  known?: { userId: string; fingerprint: string };
  /** Whether an audit row of this request already carries the key (only the first one does). */
  claimed: boolean;
  /** The claim failed on the unique index: another request with this key committed first. */
  claimLost: boolean;
  /** How the route rebuilds its answer from the row a create made, when the stored answer was lost. */
  createdView?: CreatedView;
}

/** A create route's view of the row it made, by id (null once it is gone). */
export type CreatedView = (id: string) => Promise<unknown>;

export const idempotencyStorage = new AsyncLocalStorage<IdempotencyContext>();

/**
 * The idempotency columns of an audit row by `actorId`: the key and fingerprint on the first
 * audit row the request writes, so the key is claimed in the write's own transaction and the
 * claim commits exactly when the write does. Nothing for other rows or requests without a key.
 */
export function idempotencyClaim(actorId: string | null): { idempotencyKey?: string; idempotencyFingerprint?: string } {
  const context = idempotencyStorage.getStore();
  if (!context?.known || context.claimed || context.known.userId !== actorId) return {};
  context.claimed = true;
  return { idempotencyKey: context.key, idempotencyFingerprint: context.known.fingerprint };
}

/** Called when an audit insert failed: a unique violation there is the lost claim (the row has no other unique key). */
export function noteAuditInsertFailure(claim: { idempotencyKey?: string | null }, uniqueViolation: boolean): void {
  const context = idempotencyStorage.getStore();
  if (context && claim.idempotencyKey && uniqueViolation) context.claimLost = true;
}
