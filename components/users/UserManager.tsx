'use client';

import { useState } from 'react';
import type { UserSummary } from '@/lib/users/queries';
import { CreateUserForm } from './CreateUserForm';
import { UserRow } from './UserRow';
import { TableHead } from '@/components/ui/TableHead';

export function UserManager({ initialUsers, currentUserId }: { initialUsers: UserSummary[]; currentUserId: string }) {
  const [users, setUsers] = useState(initialUsers);
  const replace = (updated: UserSummary) => setUsers((list) => list.map((u) => (u.id === updated.id ? updated : u)));
  return (
    <div className="space-y-8">
      <CreateUserForm onCreated={(user) => setUsers((list) => [...list, user])} />
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users</caption>
          <TableHead columns={['User', 'Role', 'Status', 'Actions']} />
          <tbody className="divide-y divide-stone-200">
            {users.map((user) => (
              <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} onChanged={replace} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
