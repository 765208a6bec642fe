'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/lib/http/client';
import { Button } from '@/components/ui/Button';
import { FormMessage } from '@/components/ui/FormMessage';
import { TextField } from '@/components/ui/TextField';
import { useApiForm } from '@/components/ui/useApiForm';

export interface EditableMetadata {
  id: string;
  title: string;
  source: string | null;
  author: string | null;
  url: string | null;
  /** YYYY-MM-DD (UTC) or "". */
  publishedDate: string;
  language: string | null;
  archived: boolean;
}

const FIELDS = ['title', 'source', 'author', 'url', 'publishedAt', 'language'] as const;

/** Admin only (the page decides with can()): edit the metadata, archive or unarchive. */
export function ArticleAdminControls({ article }: { article: EditableMetadata }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const form = useApiForm();
  const archive = useApiForm();

  const initial: Record<(typeof FIELDS)[number], string> = {
    title: article.title,
    source: article.source ?? '',
    author: article.author ?? '',
    url: article.url ?? '',
    publishedAt: article.publishedDate,
    language: article.language ?? '',
  };

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // Only what changed is sent, so an untouched date keeps its time of day.
    const changes: Record<string, string> = {};
    for (const field of FIELDS) {
      const value = String(data.get(field) ?? '');
      if (value !== initial[field]) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) {
      setEditing(false);
      return;
    }
    const result = await form.submit(
      () => callApi('PATCH', `/api/articles/${article.id}`, changes),
      () => 'Metadata saved.',
    );
    if (result.ok) {
      setEditing(false);
      router.refresh();
    }
  }

  async function toggleArchived() {
    const archived = !article.archived;
    const result = await archive.submit(
      () => callApi('POST', `/api/articles/${article.id}/archive`, { archived }),
      () => (archived ? 'Article archived: it is hidden from the lists.' : 'Article restored to the lists.'),
    );
    if (result.ok) router.refresh();
  }

  return (
    <section aria-label="Article administration" className="space-y-3 rounded-lg border border-stone-200 bg-stone-50 p-3">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing} aria-controls="article-metadata-form">
          {editing ? 'Cancel editing' : 'Edit metadata'}
        </Button>
        <Button type="button" variant={article.archived ? 'secondary' : 'danger'} disabled={archive.busy} onClick={() => void toggleArchived()}>
          {article.archived ? 'Unarchive article' : 'Archive article'}
        </Button>
      </div>
      <FormMessage error={archive.message.error} success={archive.message.success ?? (editing ? null : form.message.success)} />
      {editing ? (
        <form id="article-metadata-form" aria-label="Edit metadata" onSubmit={(e) => void save(e)} className="grid gap-3 sm:grid-cols-2" noValidate>
          {/* One TextField per metadata field, written out: each has its own limit, type and hint. */}
          <TextField
            className="sm:col-span-2"
            label="Title"
            name="title"
            defaultValue={initial.title}
            required
            maxLength={500}
            errors={form.fieldErrors.title}
          />
          <TextField label="Source" name="source" defaultValue={initial.source} maxLength={300} errors={form.fieldErrors.source} />
          <TextField label="Author" name="author" defaultValue={initial.author} maxLength={300} errors={form.fieldErrors.author} />
          {/* One TextField per article field, spelled out: each has its own type, limit and hint. */}
          <TextField
            className="sm:col-span-2"
            label="URL"
            name="url"
            type="url"
            defaultValue={initial.url}
            maxLength={2000}
            errors={form.fieldErrors.url}
            hint="http:// or https:// only"
          />
          <TextField label="Published" name="publishedAt" type="date" defaultValue={initial.publishedAt} errors={form.fieldErrors.publishedAt} />
          <TextField
            label="Language"
            name="language"
            defaultValue={initial.language}
            maxLength={35}
            errors={form.fieldErrors.language}
            hint="e.g. en, de, zh-Hant"
          />
          <div className="space-y-2 sm:col-span-2">
            <FormMessage error={form.message.error} />
            <Button type="submit" disabled={form.busy}>
              {form.busy ? 'Saving…' : 'Save metadata'}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
