'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { sameOriginPath } from '@/lib/http/redirect';
import type { FieldErrors } from '@/lib/result';
import { Button } from '@/components/ui/Button';
import { FormMessage } from '@/components/ui/FormMessage';
import { TextField } from '@/components/ui/TextField';

/** Talks to next-auth's credentials endpoint directly, so a 400 (field errors) or 429 (throttled) reaches the user as such. */
export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    const form = new FormData(event.currentTarget);
    try {
      const csrf = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
      const response = await fetch('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' },
        body: new URLSearchParams({
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
          csrfToken: csrf.csrfToken,
          json: 'true',
        }),
      });
      const payload = (await response.json().catch(() => ({}))) as { url?: string; error?: { message?: string; details?: { fieldErrors?: FieldErrors } } };
      const failed = !response.ok || (payload.url && new URL(payload.url, location.origin).searchParams.has('error'));
      if (!failed) {
        router.replace(sameOriginPath(params.get('callbackUrl'), location.origin));
        router.refresh();
        return;
      }
      if (payload.error) {
        setFieldErrors(payload.error.details?.fieldErrors ?? {});
        setMessage(payload.error.details?.fieldErrors ? null : (payload.error.message ?? 'Sign-in failed.'));
      } else {
        // The one message for every failed login: it never says whether the account exists.
        setMessage('The e-mail address or password is incorrect.');
      }
    } catch {
      setMessage('The server could not be reached. Try again.');
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
      <FormMessage error={message} />
      <TextField label="E-mail" name="email" type="email" autoComplete="username" required maxLength={254} autoFocus errors={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required maxLength={256} errors={fieldErrors.password} />
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
