'use client';

import { useRouter } from 'next/navigation';
import { useState, type DragEvent, type FormEvent } from 'react';
import type { ItemResult } from '@/lib/import-jobs/results';
import { callApi } from '@/lib/http/client';
import { Button } from '@/components/ui/Button';
import { countOf } from '@/components/ui/count';
import { FormMessage } from '@/components/ui/FormMessage';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { TextField } from '@/components/ui/TextField';
import { ImportResults } from './ImportResults';
import { importTargetOf, uploadImport } from './upload';

const ACCEPT = '.txt,.md,.html,.htm,.json,.jsonl,.ndjson,.csv,.zip';

type Phase = 'waiting' | 'uploading' | 'processing' | 'done' | 'failed';
interface Upload {
  key: string;
  file: File;
  phase: Phase;
  fraction: number;
  summary?: string;
  error?: string;
}

const PHASE_TEXT: Record<Phase, string> = { waiting: 'Waiting', uploading: 'Uploading', processing: 'Importing', done: 'Done', failed: 'Failed' };

function formatSize(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Files or pasted text → one import job, fed file by file so each shows its own progress. */
export function ImportWorkbench() {
  const router = useRouter();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [results, setResults] = useState<ItemResult[]>([]);
  const [running, setRunning] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const update = (key: string, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  function addFiles(files: FileList | File[]) {
    const added = [...files].map((file) => ({
      key: `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`,
      file,
      phase: 'waiting' as const,
      fraction: 0,
    }));
    setUploads((list) => [...list.filter((u) => u.phase === 'waiting'), ...added]);
    setResults([]);
  }

  /** Opens a job, runs `feed` against it, closes it, then shows the stored report. */
  async function inJob(feed: (jobId: string) => Promise<void>) {
    setRunning(true);
    setMessage(null);
    const job = await callApi<{ id: string }>('POST', '/api/import-jobs');
    if (!job.ok) {
      setMessage(job.message);
      setRunning(false);
      return;
    }
    // A reload during the import comes back to this job.
    window.history.replaceState(null, '', `/import?job=${job.data.id}`);
    await feed(job.data.id);
    await callApi('POST', `/api/import-jobs/${job.data.id}/finish`);
    setRunning(false);
    // The stored report below takes over from the live results.
    setResults([]);
    router.replace(`/import?job=${job.data.id}`);
    router.refresh();
  }

  /** While the server works through a long file, say how many items the job holds so far. */
  function followItems(jobId: string, key: string) {
    const itemsInJob = async () => {
      const job = await callApi<{ totalItems: number }>('GET', `/api/import-jobs/${jobId}?results=false`);
      return job.ok ? job.data.totalItems : null;
    };
    const before = itemsInJob();
    let following = true;
    const timer = setInterval(async () => {
      const [start, now] = await Promise.all([before, itemsInJob()]);
      // A poll answered after the file finished must not overwrite its final summary.
      if (following && start !== null && now !== null && now > start) update(key, { summary: `${(now - start).toLocaleString('en')} items so far` });
    }, 500);
    return () => {
      following = false;
      clearInterval(timer);
    };
  }

  async function importFiles() {
    const queue = uploads.filter((u) => u.phase === 'waiting');
    if (queue.length === 0) return;
    await inJob(async (jobId) => {
      for (const upload of queue) {
        update(upload.key, { phase: 'uploading' });
        const target = await importTargetOf(upload.file);
        let body: FormData | File = upload.file;
        if (target.kind === 'articles') {
          body = new FormData();
          body.append('files', upload.file);
        }
        const stopFollowing = followItems(jobId, upload.key);
        const outcome = await uploadImport(
          jobId,
          body,
          (fraction) => update(upload.key, fraction === null ? { phase: 'processing', fraction: 1 } : { fraction }),
          target,
        ).finally(stopFollowing);
        if (outcome.ok) {
          const { created, duplicates, failed, annotations, relations } = outcome.data;
          const n = (count: number) => count.toLocaleString('en');
          const annotated =
            target.kind === 'annotated' ? ` · ${countOf(annotations, 'annotation', 'annotations')}, ${countOf(relations, 'relation', 'relations')}` : '';
          update(upload.key, { phase: 'done', fraction: 1, summary: `${n(created)} created, ${n(duplicates)} duplicate, ${n(failed)} failed${annotated}` });
          setResults((all) => [...all, ...outcome.data.results]);
        } else {
          update(upload.key, { phase: 'failed', error: outcome.message });
        }
      }
    });
  }

  async function importPasted(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const field = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const date = field('publishedAt');
    const article = { title: field('title'), text: String(form.get('text') ?? ''), source: field('source'), url: field('url'), publishedAt: date };
    await inJob(async (jobId) => {
      const outcome = await uploadImport(jobId, JSON.stringify({ articles: [article] }), () => {});
      if (outcome.ok) {
        setResults(outcome.data.results);
        if (outcome.data.created) formElement.reset();
      } else setMessage(outcome.message);
    });
  }

  const totalBytes = uploads.reduce((sum, u) => sum + u.file.size, 0) || 1;
  const doneBytes = uploads.reduce(
    (sum, u) => sum + u.file.size * (u.phase === 'done' || u.phase === 'failed' ? 1 : u.phase === 'processing' ? 0.9 : u.fraction * 0.9),
    0,
  );
  const waiting = uploads.filter((u) => u.phase === 'waiting').length;

  return (
    <div className="space-y-8">
      <section aria-labelledby="files-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h2 id="files-heading" className="text-lg font-medium">
          Import files
        </h2>
        <label
          onDragOver={(e: DragEvent) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e: DragEvent) => {
            e.preventDefault();
            setDragging(false);
            if (!running) addFiles(e.dataTransfer.files);
          }}
          className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center focus-within:ring-2 focus-within:ring-indigo-600 ${dragging ? 'border-indigo-500 bg-indigo-50' : 'border-stone-300'}`}
        >
          <span className="font-medium">Drop files here, or choose them</span>
          <span className="mt-1 text-sm text-stone-600">.txt .md .html .json .jsonl .csv, up to 10 MB each</span>
          <span className="mt-1 text-sm text-stone-600">Newsmark JSONL exports and brat corpora (.zip) bring their annotations, statuses and relations.</span>
          <input
            type="file"
            multiple
            accept={ACCEPT}
            disabled={running}
            aria-label="Choose files to import"
            className="sr-only"
            onChange={(e) => e.target.files && addFiles(e.target.files)}
          />
        </label>
        {uploads.length ? (
          <>
            <ProgressBar label="Whole import" value={uploads.some((u) => u.phase !== 'waiting') ? doneBytes / totalBytes : 0} />
            <ul className="divide-y divide-stone-200" aria-label="Files">
              {uploads.map((u) => (
                <li key={u.key} className="space-y-1 py-2" aria-label={u.file.name}>
                  <div className="flex items-center justify-between gap-4 text-sm">
                    <span className="truncate font-medium">{u.file.name}</span>
                    <span className="shrink-0 text-stone-600">
                      {formatSize(u.file.size)} · <span data-testid="file-phase">{PHASE_TEXT[u.phase]}</span>
                      {u.summary ? ` · ${u.summary}` : ''}
                    </span>
                  </div>
                  <ProgressBar
                    label={`Progress of ${u.file.name}`}
                    value={u.phase === 'processing' ? null : u.phase === 'done' || u.phase === 'failed' ? 1 : u.fraction}
                  />
                  {u.error ? (
                    <p role="alert" className="text-sm text-red-800">
                      {u.error}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
            <div className="flex gap-2">
              {running || waiting > 0 ? (
                <Button type="button" onClick={() => void importFiles()} disabled={running}>
                  {running ? 'Importing…' : `Import ${waiting} ${waiting === 1 ? 'file' : 'files'}`}
                </Button>
              ) : null}
              <Button type="button" variant="secondary" disabled={running} onClick={() => setUploads([])}>
                Clear the list
              </Button>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="paste-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h2 id="paste-heading" className="mb-4 text-lg font-medium">
          Paste an article
        </h2>
        <form onSubmit={(e) => void importPasted(e)} aria-label="Paste an article" className="space-y-4">
          <div className="grid gap-4 md:grid-cols-2">
            <TextField label="Title (optional)" name="title" />
            <TextField label="Source (optional)" name="source" />
            <TextField label="URL (optional)" name="url" type="url" />
            <TextField label="Published (optional)" name="publishedAt" type="date" />
          </div>
          <div>
            <label htmlFor="paste-text" className="mb-1 block text-sm font-medium text-stone-700">
              Text
            </label>
            <textarea id="paste-text" name="text" required rows={8} className="block w-full rounded-md border border-stone-300 px-3 py-2 font-serif text-sm" />
          </div>
          <Button type="submit" disabled={running}>
            {running ? 'Importing…' : 'Import text'}
          </Button>
        </form>
      </section>

      <FormMessage error={message} />
      {results.length ? (
        <section aria-labelledby="live-results-heading" className="space-y-2">
          <h2 id="live-results-heading" className="text-lg font-medium">
            Results so far
          </h2>
          <ImportResults results={results} />
        </section>
      ) : null}
    </div>
  );
}
