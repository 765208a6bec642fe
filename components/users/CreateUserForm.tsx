'use client';

import type { FormEvent } from 'react';
import { callApi } from '@/lib/http/client';
import type { UserSummary } from '@/lib/users/queries';
import { Button } from '@/components/ui/Button';
import { FormMessage } from '@/components/ui/FormMessage';
import { TextField } from '@/components/ui/TextField';
import { useApiForm } from '@/components/ui/useApiForm';
import { NewPasswordField } from '@/components/ui/NewPasswordField';
import { RoleOptions } from './RoleOptions';

export function CreateUserForm({ onCreated }: { onCreated: (user: UserSummary) => void }) {
  const { busy, fieldErrors, message, submit } = useApiForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await submit(
      () =>
        callApi<UserSummary>('POST', '/api/admin/users', {
          email: form.get('email'),
          name: form.get('name'),
          role: form.get('role'),
          password: form.get('password'),
        }),
      (user) => `Created ${user.email}.`,
    );
    if (result.ok) {
      formElement.reset();
      onCreated(result.data);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create user" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 className="text-lg font-medium">New user</h2>
      <FormMessage error={message.error} success={message.success} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="E-mail" name="email" type="email" autoComplete="off" required errors={fieldErrors.email} />
        <TextField label="Name" name="name" autoComplete="off" required errors={fieldErrors.name} />
        <div>
          <label htmlFor="field-role" className="mb-1 block text-sm font-medium text-stone-700">
            Role
          </label>
          <select
            id="field-role"
            name="role"
            defaultValue="RESEARCHER"
            aria-invalid={fieldErrors.role ? true : undefined}
            className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
          >
            <RoleOptions />
          </select>
          {fieldErrors.role ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {fieldErrors.role.join(' ')}
            </p>
          ) : null}
        </div>
        <NewPasswordField label="Initial password" name="password" errors={fieldErrors.password} />
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create user'}
      </Button>
    </form>
  );
}
