'use client';

import { useState, type FormEvent } from 'react';
import { callApi } from '@/lib/http/client';
import { TOKEN_NAME_MAX } from '@/lib/tokens/schemas';
import { Button } from '@/components/ui/Button';
import { FormMessage } from '@/components/ui/FormMessage';
import { TextField } from '@/components/ui/TextField';
import { useApiForm } from '@/components/ui/useApiForm';
import { utcMinute } from '@/components/ui/utc-minute';
import { TableHead } from '@/components/ui/TableHead';

/** A token as the API lists it (dates as ISO strings): never the secret. */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function ApiTokens({ initialTokens }: { initialTokens: TokenRow[] }) {
  const [tokens, setTokens] = useState(initialTokens);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const { busy, fieldErrors, message, submit } = useApiForm();

  async function reload() {
    const list = await callApi<{ items: TokenRow[] }>('GET', '/api/account/tokens');
    if (list.ok) setTokens(list.data.items);
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = new FormData(formElement).get('name');
    setCreated(null);
    setCopied(false);
    const result = await submit(
      () => callApi<TokenRow & { token: string }>('POST', '/api/account/tokens', { name }),
      (data) => `Token “${data.name}” created.`,
    );
    if (!result.ok) return;
    setCreated({ name: result.data.name, token: result.data.token });
    formElement.reset();
    await reload();
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  async function revoke(id: string) {
    setRevokeError(null);
    const result = await callApi<null>('DELETE', `/api/account/tokens/${encodeURIComponent(id)}`);
    setConfirming(null);
    if (!result.ok) setRevokeError(result.message);
    await reload();
  }

  return (
    <section aria-labelledby="api-tokens-heading" className="max-w-3xl space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id="api-tokens-heading" className="text-lg font-medium">
        Personal API tokens
      </h2>
      <p className="text-sm text-stone-600">
        Scripts send a token as <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code> and act with your role on every{' '}
        <code className="rounded bg-stone-100 px-1">/api</code> route. Tokens cannot manage tokens: that takes this page.
      </p>

      <form onSubmit={onCreate} noValidate aria-label="Create an API token" className="flex flex-wrap items-end gap-3">
        <TextField
          label="Token name"
          name="name"
          required
          maxLength={TOKEN_NAME_MAX}
          placeholder="e.g. nightly export"
          errors={fieldErrors.name}
          className="min-w-64 flex-1"
        />
        <Button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      <FormMessage error={message.error} success={created ? null : message.success} />

      {created ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Copy the token “{created.name}” now: it will not be shown again.</p>
          <p>Anyone holding it can use the API as you. If it leaks, revoke it below.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-token" className="rounded border border-amber-300 bg-white px-2 py-1 font-mono text-xs break-all select-all">
              {created.token}
            </code>
            <Button type="button" variant="secondary" onClick={() => copy(created.token)}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}

      {revokeError ? <FormMessage error={revokeError} /> : null}

      {tokens.length === 0 ? (
        <p className="text-sm text-stone-500">You have no API tokens.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your API tokens</caption>
          <TableHead
            columns={[
              'Name',
              'Token',
              'Created',
              'Last used',
              <span key="actions" className="sr-only">
                Actions
              </span>,
            ]}
            variant="compact"
          />
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className={`border-t border-stone-100 ${t.revokedAt ? 'text-stone-400' : ''}`}>
                <td className="py-2 pr-3 font-medium">{t.name}</td>
                <td className="py-2 pr-3 font-mono text-xs">{t.prefix}…</td>
                <td className="py-2 pr-3">{utcMinute(t.createdAt, '')}</td>
                <td className="py-2 pr-3">{utcMinute(t.lastUsedAt, 'never')}</td>
                <td className="py-2 text-right">
                  {t.revokedAt ? (
                    <span>Revoked {utcMinute(t.revokedAt, '')}</span>
                  ) : confirming === t.id ? (
                    <span className="inline-flex items-center gap-2">
                      <span className="text-stone-700">Scripts using it stop at once.</span>
                      <Button type="button" variant="danger" onClick={() => revoke(t.id)} aria-label={`Confirm revoking ${t.name}`}>
                        Revoke now
                      </Button>
                      <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button type="button" variant="danger" onClick={() => setConfirming(t.id)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
