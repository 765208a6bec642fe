import type { Metadata } from 'next';
import { ApiTokens } from '@/components/account/ApiTokens';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { RoleBadge } from '@/components/shell/RoleBadge';
import { can } from '@/lib/auth/policy';
import { requirePagePermission } from '@/lib/auth/session';
import { listTokens } from '@/lib/tokens/queries';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await requirePagePermission('manage:own-account');
  const tokens = can(user, 'manage:own-tokens') ? await listTokens(user) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <p className="flex items-center gap-2 text-stone-700">
        {user.name} · {user.email} <RoleBadge role={user.role} />
      </p>
      <ChangePasswordForm />
      {tokens ? (
        <ApiTokens
          initialTokens={tokens.map((t) => ({
            ...t,
            createdAt: t.createdAt.toISOString(),
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            revokedAt: t.revokedAt?.toISOString() ?? null,
          }))}
        />
      ) : null}
    </div>
  );
}
