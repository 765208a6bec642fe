import type { Metadata } from 'next';
import { UserManager } from '@/components/users/UserManager';
import { requirePagePermission } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const admin = await requirePagePermission('manage:users');
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <UserManager initialUsers={users} currentUserId={admin.id} />
    </div>
  );
}
