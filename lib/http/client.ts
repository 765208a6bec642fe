import type { FieldErrors } from '@/lib/result.ts';

/** What the browser gets back from our JSON API: the body, or the API's error shape. */
export type ApiOutcome<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; fieldErrors: FieldErrors; current?: unknown };

export async function callApi<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: 'The server could not be reached. Check your connection and try again.', fieldErrors: {} };
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const error = (payload as { error?: { message?: string; details?: { fieldErrors?: FieldErrors; current?: unknown } } } | null)?.error;
  return {
    ok: false,
    status: response.status,
    message: error?.message ?? `The request failed (${response.status}).`,
    fieldErrors: error?.details?.fieldErrors ?? {},
    current: error?.details?.current,
  };
}
