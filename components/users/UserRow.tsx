'use client';

import { useState } from 'react';
import type { Role } from '@/lib/auth/policy';
import { callApi } from '@/lib/http/client';
import type { UserSummary } from '@/lib/users/queries';
import { PASSWORD_MIN } from '@/lib/validation';
import { Button } from '@/components/ui/Button';
import { RoleOptions } from './RoleOptions';

type Change = { action: 'setRole'; role: Role } | { action: 'setDisabled'; disabled: boolean } | { action: 'resetPassword'; password: string };

export function UserRow({ user, isSelf, onChanged }: { user: UserSummary; isSelf: boolean; onChanged: (user: UserSummary) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');

  async function apply(change: Change, success: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await callApi<UserSummary>('PATCH', `/api/admin/users/${user.id}`, change);
    setBusy(false);
    if (!result.ok) {
      setError(Object.values(result.fieldErrors).flat()[0] ?? result.message);
      return false;
    }
    onChanged(result.data);
    setNotice(success);
    return true;
  }

  return (
    <tr className={user.disabled ? 'bg-stone-50 text-stone-500' : undefined} aria-label={user.email}>
      <td className="px-3 py-2">
        <div className="font-medium">{user.name}</div>
        <div className="text-xs text-stone-500">{user.email}</div>
      </td>
      <td className="px-3 py-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={busy}
          onChange={(e) => void apply({ action: 'setRole', role: e.target.value as Role }, `Role changed to ${e.target.value.toLowerCase()}.`)}
          className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
        >
          <RoleOptions />
        </select>
      </td>
      <td className="px-3 py-2 text-sm">{user.disabled ? 'Disabled' : 'Active'}</td>
      <td className="space-y-2 px-3 py-2">
        <div className="flex flex-wrap gap-2">
          <Button
            variant={user.disabled ? 'secondary' : 'danger'}
            disabled={busy}
            onClick={() => void apply({ action: 'setDisabled', disabled: !user.disabled }, user.disabled ? 'Enabled.' : 'Disabled.')}
            aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => setResetting((v) => !v)}
            aria-expanded={resetting}
            aria-label={`Reset password of ${user.email}`}
          >
            Reset password
          </Button>
        </div>
        {resetting ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await apply({ action: 'resetPassword', password }, 'Password reset.')) {
                setPassword('');
                setResetting(false);
              }
            }}
          >
            <label className="text-sm">
              <span className="mb-1 block text-stone-700">New password for {user.email}</span>
              <input
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                minLength={PASSWORD_MIN}
                className="rounded-md border border-stone-300 px-2 py-1"
              />
            </label>
            <Button type="submit" disabled={busy}>
              Set password
            </Button>
          </form>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        {notice ? (
          <p role="status" className="text-sm text-emerald-800">
            {notice}
          </p>
        ) : null}
        {isSelf ? <p className="text-xs text-stone-500">This is you.</p> : null}
      </td>
    </tr>
  );
}
