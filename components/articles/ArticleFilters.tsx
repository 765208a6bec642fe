import Link from 'next/link';
import type { FieldErrors } from '@/lib/result';

export type FilterValues = Partial<Record<'q' | 'source' | 'from' | 'to' | 'annotated' | 'review' | 'sort' | 'archived', string>>;

const selectClass =
  'block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none';
const inputClass = `${selectClass} aria-invalid:border-red-500`;

function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

function Select({ name, value, options, errors }: { name: string; value?: string; options: [string, string][]; errors?: string[] }) {
  return (
    <select
      id={`filter-${name}`}
      name={name}
      defaultValue={value ?? ''}
      className={selectClass}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={errors?.length ? `filter-${name}-error` : undefined}
    >
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
}

type SelectName = 'source' | 'annotated' | 'review' | 'sort' | 'archived';

/** A labelled select whose id, name, value and errors all follow from its name. */
function SelectField({
  name,
  label,
  values,
  errors,
  options,
}: {
  name: SelectName;
  label: string;
  values: FilterValues;
  errors: FieldErrors;
  options: [string, string][];
}) {
  return (
    <Field id={`filter-${name}`} label={label} errors={errors[name]}>
      <Select name={name} value={values[name]} errors={errors[name]} options={options} />
    </Field>
  );
}

function DateField({ name, label, values, errors }: { name: 'from' | 'to'; label: string; values: FilterValues; errors: FieldErrors }) {
  return (
    <Field id={`filter-${name}`} label={label} errors={errors[name]}>
      <input
        id={`filter-${name}`}
        type="date"
        name={name}
        defaultValue={values[name] ?? ''}
        className={inputClass}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `filter-${name}-error` : undefined}
      />
    </Field>
  );
}

// The choices of each select, spelled out one list per filter: alike in shape only.
const ANNOTATED_CHOICES: [string, string][] = [
  ['', 'Any'],
  ['yes', 'Annotated'],
  ['no', 'Not annotated'],
];
const REVIEW_CHOICES: [string, string][] = [
  ['', 'Any'],
  ['pending', 'Has pending'],
  ['approved', 'All approved'],
  ['rejected', 'Has rejected'],
];
const SORT_CHOICES: [string, string][] = [
  ['', 'Best match'],
  ['newest', 'Newest'],
  ['title', 'Title'],
  ['annotated', 'Most annotated'],
];
const ARCHIVED_CHOICES: [string, string][] = [
  ['', 'Hidden'],
  ['include', 'Shown too'],
  ['only', 'Only archived'],
];

/**
 * Search, filters and sort as a plain GET form: the state lives in the URL, so it works without
 * JavaScript, can be bookmarked and shared, and the back button undoes a search.
 */
export function ArticleFilters({
  values,
  sources,
  canSeeArchived,
  errors = {},
}: {
  values: FilterValues;
  sources: string[];
  canSeeArchived: boolean;
  errors?: FieldErrors;
}) {
  // A source no longer in the list (e.g. from a shared link) stays selectable.
  const sourceOptions = values.source && !sources.includes(values.source) ? [values.source, ...sources] : sources;
  return (
    <form method="get" action="/articles" role="search" aria-label="Search articles" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field id="filter-q" label="Search titles and text" errors={errors.q}>
            <input
              id="filter-q"
              type="search"
              name="q"
              defaultValue={values.q ?? ''}
              maxLength={200}
              placeholder='e.g. harbour fire, "job cuts", budget -library'
              className={inputClass}
            />
          </Field>
        </div>
        <button
          type="submit"
          className="inline-flex items-center justify-center rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-800"
        >
          Search
        </button>
        <Link href="/articles" className="rounded-md px-2 py-2 text-sm font-medium text-indigo-800 hover:underline">
          Clear filters
        </Link>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-7">
        <SelectField
          name="source"
          label="Source"
          values={values}
          errors={errors}
          options={[['', 'All sources'], ...sourceOptions.map((s): [string, string] => [s, s])]}
        />
        <DateField name="from" label="Published from" values={values} errors={errors} />
        <DateField name="to" label="Published to" values={values} errors={errors} />
        <SelectField name="annotated" label="Annotations" values={values} errors={errors} options={ANNOTATED_CHOICES} />
        <SelectField name="review" label="Review state" values={values} errors={errors} options={REVIEW_CHOICES} />
        <SelectField name="sort" label="Sort by" values={values} errors={errors} options={SORT_CHOICES} />
        {canSeeArchived ? <SelectField name="archived" label="Archived" values={values} errors={errors} options={ARCHIVED_CHOICES} /> : null}
      </div>
      <p className="text-xs text-stone-500">Best match sorts by relevance when you search, and by newest otherwise. Dates are whole days in UTC.</p>
    </form>
  );
}
