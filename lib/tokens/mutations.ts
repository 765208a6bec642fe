import { recordAudit } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, isUniqueViolation } from '@/lib/db.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { generateToken, hashToken, tokenPrefix } from '@/lib/auth/token-format.ts';
import { viewSelect, type TokenView } from './model.ts';
import type { CreateTokenInput } from './schemas.ts';

const NAME_TAKEN = fail('conflict', 'You already have an active token with this name.', { name: ['You already have an active token with this name.'] });

/** Creates a token; the plaintext is in this answer only, and never stored. */
export async function createToken(actor: Actor, input: CreateTokenInput): Promise<Result<TokenView & { token: string }>> {
  const token = generateToken();
  try {
    return await db().$transaction(async (tx) => {
      const taken = await tx.apiToken.findFirst({ where: { userId: actor.id, name: input.name, revokedAt: null }, select: { id: true } });
      if (taken) return NAME_TAKEN;
      const created = await tx.apiToken.create({
        data: { userId: actor.id, name: input.name, tokenHash: hashToken(token), prefix: tokenPrefix(token) },
        select: viewSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'token.create',
        entity: 'ApiToken',
        entityId: created.id,
        after: { name: created.name, prefix: created.prefix },
      });
      return ok({ token, ...created });
    });
  } catch (error) {
    // Two creations with one name at once: the partial unique index (userId, name) of active tokens decides.
    if (isUniqueViolation(error)) return NAME_TAKEN;
    throw error;
  }
}

/** Revokes one of one's own tokens; someone else's is "not found", like one that does not exist. Revoking twice is harmless. */
export async function revokeToken(actor: Actor, id: string): Promise<Result<TokenView>> {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: actor.id }, select: viewSelect });
    if (!token) return fail('not_found', 'No such token.');
    if (token.revokedAt) return ok(token);
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: viewSelect });
    await recordAudit(tx, { actorId: actor.id, action: 'token.revoke', entity: 'ApiToken', entityId: id, before: { name: token.name, prefix: token.prefix } });
    return ok(revoked);
  });
}
