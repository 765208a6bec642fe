import type { ImportOutcome } from '@/lib/import-jobs/results';
import type { ApiOutcome } from '@/lib/http/client';

/** Where a file goes: plain articles, or an annotated file (a Newsmark JSONL export, a brat zip). */
export type ImportTarget = { kind: 'articles' } | { kind: 'annotated'; format: 'jsonl' | 'brat' };

/**
 * Reads the start of a file to tell an annotated one from plain articles: a .zip is a brat
 * corpus, a .jsonl/.ndjson whose first line is {"article": …} a Newsmark export.
 */
export async function importTargetOf(file: File): Promise<ImportTarget> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.zip')) return { kind: 'annotated', format: 'brat' };
  if (!name.endsWith('.jsonl') && !name.endsWith('.ndjson')) return { kind: 'articles' };
  // Plain article objects never have an "article" member, whatever the order of the keys.
  const head = await file.slice(0, 64 * 1024).text();
  const firstLine = head.trimStart().split('\n', 1)[0] ?? '';
  return /^\{/.test(firstLine) && /"article"\s*:\s*\{/.test(firstLine) ? { kind: 'annotated', format: 'jsonl' } : { kind: 'articles' };
}

const ANNOTATED_TYPE = { jsonl: 'application/x-ndjson', brat: 'application/zip' } as const;

/**
 * Posts one import request with XMLHttpRequest rather than fetch, because only XHR reports
 * upload progress. `onProgress` gets the uploaded fraction, then null while the server works.
 * Articles go to /api/articles (JSON or multipart); an annotated file goes whole, as the body,
 * to /api/import/annotations, which streams a JSONL export through.
 */
export function uploadImport(
  jobId: string,
  body: FormData | string | File,
  onProgress: (fraction: number | null) => void,
  target: ImportTarget = { kind: 'articles' },
): Promise<ApiOutcome<ImportOutcome>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const job = `jobId=${encodeURIComponent(jobId)}`;
    if (target.kind === 'annotated' && body instanceof File) {
      xhr.open('POST', `/api/import/annotations?${job}&format=${target.format}&name=${encodeURIComponent(body.name)}`);
      xhr.setRequestHeader('content-type', ANNOTATED_TYPE[target.format]);
    } else xhr.open('POST', `/api/articles?${job}`);
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
