import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { viewSelect, type TokenView } from './model.ts';

/** One's own tokens, active first, newest first. */
export async function listTokens(actor: Actor): Promise<TokenView[]> {
  return db().apiToken.findMany({
    where: { userId: actor.id },
    select: viewSelect,
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'desc' }],
  });
}
