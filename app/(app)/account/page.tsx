import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { RoleBadge } from '@/components/shell/RoleBadge';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await requirePagePermission('manage:own-account');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <p className="flex items-center gap-2 text-stone-700">
        {user.name} · {user.email} <RoleBadge role={user.role} />
      </p>
      <ChangePasswordForm />
    </div>
  );
}
