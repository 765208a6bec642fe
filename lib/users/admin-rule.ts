import type { Role } from '@/lib/auth/policy.ts';

export interface AdminCandidate {
  id: string;
  role: Role;
  disabled: boolean;
}

/**
 * The workbench must always keep one active admin, or nobody could manage users again.
 * Returns true when the change would leave none.
 */
export function removesLastActiveAdmin(activeAdminIds: readonly string[], target: AdminCandidate, after: { role: Role; disabled: boolean }): boolean {
  const wasActiveAdmin = target.role === 'ADMIN' && !target.disabled;
  const staysActiveAdmin = after.role === 'ADMIN' && !after.disabled;
  if (!wasActiveAdmin || staysActiveAdmin) return false;
  return activeAdminIds.filter((id) => id !== target.id).length === 0;
}
