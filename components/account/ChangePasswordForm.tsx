'use client';

import { signOut } from 'next-auth/react';
import type { FormEvent } from 'react';
import { callApi } from '@/lib/http/client';
import { Button } from '@/components/ui/Button';
import { FormMessage } from '@/components/ui/FormMessage';
import { TextField } from '@/components/ui/TextField';
import { useApiForm } from '@/components/ui/useApiForm';
import { NewPasswordField } from '@/components/ui/NewPasswordField';

export function ChangePasswordForm() {
  const { busy, fieldErrors, message, submit, refuse } = useApiForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    if (form.get('newPassword') !== form.get('confirmPassword')) {
      refuse({ confirmPassword: ['The two new passwords differ.'] });
      return;
    }
    const result = await submit(
      () => callApi<null>('POST', '/api/account/password', { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') }),
      () => 'Your password has been changed. Signing you out…',
    );
    // The change ended every session, this one included: sign in again with the new password.
    if (result.ok) await signOut({ callbackUrl: '/login?notice=password-changed' });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password" className="max-w-md space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 className="text-lg font-medium">Change password</h2>
      <FormMessage error={message.error} success={message.success} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors.currentPassword}
      />
      <NewPasswordField label="New password" name="newPassword" errors={fieldErrors.newPassword} />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={fieldErrors.confirmPassword} />
      <Button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Change password'}
      </Button>
    </form>
  );
}
