'use client';

import type { AnnotationKindName } from '@/lib/annotations/model';
import type { FieldErrors } from '@/lib/result';

/** The form's view of attributes: every field as text, converted on save. */
export type AttributeDraft = Record<string, string>;

export function draftFromAttributes(kind: AnnotationKindName, attributes: Record<string, unknown>): AttributeDraft {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (kind === 'claim')
    return { type: text(attributes.type), checkworthy: attributes.checkworthy === true ? 'yes' : attributes.checkworthy === false ? 'no' : '' };
  if (kind === 'event')
    return {
      date: text(attributes.date),
      place: text(attributes.place),
      participants: Array.isArray(attributes.participants) ? attributes.participants.join(', ') : '',
    };
  return { type: text(attributes.type), canonicalName: text(attributes.canonicalName) };
}

/** Empty fields are left out; the server's per-kind schema validates the rest. */
export function attributesFromDraft(kind: AnnotationKindName, draft: AttributeDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== '' && value !== undefined) out[key] = value;
  };
  if (kind === 'claim') {
    set('type', draft.type);
    set('checkworthy', draft.checkworthy === '' ? undefined : draft.checkworthy === 'yes');
  } else if (kind === 'event') {
    set('date', draft.date?.trim());
    set('place', draft.place?.trim());
    const participants = (draft.participants ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (participants.length) out.participants = participants;
  } else {
    set('type', draft.type);
    set('canonicalName', draft.canonicalName?.trim());
  }
  return out;
}

const CLAIM_TYPES = ['factual', 'opinion', 'prediction', 'other'];
const SOURCE_TYPES: [string, string][] = [
  ['named_person', 'Named person'],
  ['organization', 'Organization'],
  ['anonymous', 'Anonymous'],
  ['document', 'Document'],
  ['media_outlet', 'Media outlet'],
];

const inputClass = 'mt-1 block w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm disabled:bg-stone-100';

// Like the filter form's Field but in the panel's compact type sizes; the two forms share no styles.
function Field({ id, label, error, children }: { id: string; label: string; error?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-stone-700">
        {label}
      </label>
      {children}
      {error?.length ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export function AttributesFields({
  kind,
  draft,
  onChange,
  errors,
  disabled,
}: {
  kind: AnnotationKindName;
  draft: AttributeDraft;
  onChange: (d: AttributeDraft) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  const bind = (key: string) => ({
    id: `attr-${key}`,
    value: draft[key] ?? '',
    disabled,
    'aria-invalid': errors[`attributes.${key}`] ? true : undefined,
    'aria-describedby': errors[`attributes.${key}`] ? `attr-${key}-error` : undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange({ ...draft, [key]: e.target.value }),
    className: inputClass,
  });
  const err = (key: string) => errors[`attributes.${key}`];
  if (kind === 'claim')
    return (
      <div className="grid grid-cols-2 gap-2">
        <Field id="attr-type" label="Claim type" error={err('type')}>
          <select {...bind('type')}>
            <option value="">—</option>
            {CLAIM_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.charAt(0).toUpperCase() + t.slice(1)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="attr-checkworthy" label="Checkworthy" error={err('checkworthy')}>
          <select {...bind('checkworthy')}>
            <option value="">—</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </Field>
      </div>
    );
  if (kind === 'event')
    return (
      <div className="space-y-2">
        <Field id="attr-date" label="Date (2024, 2024-05 or 2024-05-31)" error={err('date')}>
          <input {...bind('date')} inputMode="numeric" placeholder="YYYY-MM-DD" />
        </Field>
        <Field id="attr-place" label="Place" error={err('place')}>
          <input {...bind('place')} />
        </Field>
        <Field id="attr-participants" label="Participants (comma-separated)" error={err('participants')}>
          <input {...bind('participants')} />
        </Field>
      </div>
    );
  return (
    <div className="space-y-2">
      <Field id="attr-type" label="Source type" error={err('type')}>
        <select {...bind('type')}>
          <option value="">—</option>
          {SOURCE_TYPES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="attr-canonicalName" label="Canonical name" error={err('canonicalName')}>
        <input {...bind('canonicalName')} />
      </Field>
    </div>
  );
}
