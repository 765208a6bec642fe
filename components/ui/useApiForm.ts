'use client';

import { useState } from 'react';
import type { ApiOutcome } from '@/lib/http/client';
import type { FieldErrors } from '@/lib/result';

/** The state every API-backed form needs: busy while sending, field errors, and one outcome line. */
export function useApiForm() {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});

  /** Sends, then shows the field errors or the success line. */
  async function submit<T>(send: () => Promise<ApiOutcome<T>>, success: (data: T) => string): Promise<ApiOutcome<T>> {
    setBusy(true);
    const result = await send();
    setBusy(false);
    setFieldErrors(result.ok ? {} : result.fieldErrors);
    setMessage(result.ok ? { success: success(result.data) } : { error: result.message });
    return result;
  }

  /** For checks the browser can make before sending (e.g. two passwords that differ). */
  function refuse(errors: FieldErrors) {
    setFieldErrors(errors);
    setMessage({});
  }

  return { busy, fieldErrors, message, submit, refuse };
}
