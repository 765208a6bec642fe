'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { composeRejection } from '@/lib/review/reasons';
import { REVIEW_COMMENT_MAX } from '@/lib/review/schemas';

/**
 * A rejection needs a reason: one of the preset reasons, or the reviewer's own words (both
 * may be given: the words are added to the preset). Enter rejects, Esc cancels.
 */
export function RejectForm({
  reasons,
  busy,
  error,
  onReject,
  onCancel,
}: {
  reasons: readonly string[];
  busy: boolean;
  error?: string;
  onReject: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [preset, setPreset] = useState('');
  const [words, setWords] = useState('');
  const [missing, setMissing] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const reason = composeRejection(preset, words);
    if (!reason) {
      setMissing(true);
      return;
    }
    onReject(reason);
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      className="mt-2 space-y-2 rounded border border-red-200 bg-red-50 p-2"
      aria-label="Reject with a reason"
    >
      <fieldset>
        <legend className="text-xs font-medium text-stone-700">Reason for the rejection</legend>
        {reasons.map((reason, i) => (
          <label key={reason} className="flex items-center gap-2 text-sm">
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name={`${id}-reason`}
              value={reason}
              checked={preset === reason}
              onChange={() => setPreset(reason)}
            />
            {reason}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor={`${id}-words`} className="block text-xs font-medium text-stone-700">
          In your words {preset ? '(optional)' : ''}
        </label>
        <input
          id={`${id}-words`}
          type="text"
          value={words}
          maxLength={REVIEW_COMMENT_MAX}
          onChange={(e) => setWords(e.target.value)}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing || error ? `${id}-error` : undefined}
          className="mt-1 block w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm"
        />
      </div>
      {missing || error ? (
        <p id={`${id}-error`} className="text-xs text-red-800">
          {missing ? 'Choose a reason or write one.' : error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50">
          Reject
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-stone-300 bg-white px-3 py-1 text-sm">
          Cancel (Esc)
        </button>
      </div>
    </form>
  );
}
