import type { ImportOutcome } from '@/lib/articles/import/results';
import type { ApiOutcome } from '@/lib/http/client';

/**
 * Posts one import request with XMLHttpRequest rather than fetch, because only XHR reports
 * upload progress. `onProgress` gets the uploaded fraction, then null while the server works.
 */
export function uploadImport(jobId: string, body: FormData | string, onProgress: (fraction: number | null) => void): Promise<ApiOutcome<ImportOutcome>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/articles?jobId=${encodeURIComponent(jobId)}`);
    if (typeof body === 'string') xhr.setRequestHeader('content-type', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null);
    xhr.upload.onload = () => onProgress(null);
    xhr.onerror = () => resolve({ ok: false, status: 0, message: 'The upload was interrupted. Check your connection and try again.', fieldErrors: {} });
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        /* a non-JSON answer is reported by status below */
      }
      if (xhr.status === 201) resolve({ ok: true, status: 201, data: payload as ImportOutcome });
      else {
        const error = (payload as { error?: { message?: string } } | null)?.error;
        resolve({ ok: false, status: xhr.status, message: error?.message ?? `The import failed (${xhr.status}).`, fieldErrors: {} });
      }
    };
    xhr.send(body);
  });
}
