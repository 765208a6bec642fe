'use client';

import { useState } from 'react';
import { callApi } from '@/lib/http/client';
import type { CommentJson } from './types';
import { useItemsFromApi } from './useItemsFromApi';

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** The discussion of a saved annotation (the panel shows none before the server has it). `refreshKey` changes when the live stream reports a new comment. */
export function CommentThread({ annotationId, refreshKey, canComment }: { annotationId: string; refreshKey: number; canComment: boolean }) {
  const { items: comments, setItems: setComments, loadError } = useItemsFromApi<CommentJson>(`/api/annotations/${annotationId}/comments`, refreshKey);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (!body.trim()) {
      setError('Write something first.');
      return;
    }
    setSending(true);
    setError(null);
    const result = await callApi<CommentJson>('POST', `/api/annotations/${annotationId}/comments`, { body });
    setSending(false);
    if (!result.ok) {
      setError(result.fieldErrors.body?.join(' ') ?? result.message);
      return;
    }
    setBody('');
    setComments((list) => (list?.some((c) => c.id === result.data.id) ? list : [...(list ?? []), result.data]));
  }

  return (
    <section aria-labelledby="comments-heading" className="space-y-2">
      <h3 id="comments-heading" className="text-xs font-medium uppercase tracking-wide text-stone-600">
        Discussion {comments ? `(${comments.length})` : ''}
      </h3>
      {loadError ? <p className="text-sm text-red-700">{loadError}</p> : null}
      {comments === null && !loadError ? <p className="text-sm text-stone-600">Loading…</p> : null}
      {comments?.length === 0 ? <p className="text-sm text-stone-600">No comments yet.</p> : null}
      <ol className="space-y-2" aria-label="Comments">
        {comments?.map((c) => (
          <li key={c.id} className="rounded border border-stone-200 bg-stone-50 px-2 py-1 text-sm">
            <p className="text-xs text-stone-600">
              <span className="font-medium text-stone-800">{c.author.name}</span> ·{' '}
              <time dateTime={c.createdAt}>{timeFormat.format(new Date(c.createdAt))}</time>
            </p>
            <p className="whitespace-pre-wrap break-words">{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment ? (
        <form onSubmit={send} className="space-y-1">
          <label htmlFor="new-comment" className="sr-only">
            New comment
          </label>
          <textarea
            id="new-comment"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.repeat) void send(e);
            }}
            rows={2}
            maxLength={5000}
            placeholder="Add a comment (Ctrl+Enter to send)"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-comment-error' : undefined}
            className="block w-full rounded border border-stone-300 px-2 py-1 text-sm"
          />
          {error ? (
            <p id="new-comment-error" className="text-xs text-red-700">
              {error}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={sending}
            className="rounded bg-indigo-700 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
          >
            {sending ? 'Sending…' : 'Comment'}
          </button>
        </form>
      ) : null}
    </section>
  );
}
