import type { ReactNode } from 'react';

/** One table of the progress page: heading, chart, table and its CSV link, or an empty state. */
export function ProgressSection({
  id,
  title,
  csvHref,
  empty,
  emptyText,
  chart,
  children,
}: {
  id: string;
  title: string;
  csvHref: string;
  empty: boolean;
  emptyText: string;
  chart: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-medium">
          {title}
        </h2>
        {empty ? null : (
          <a href={csvHref} download className="text-sm font-medium text-indigo-800 underline">
            Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
          </a>
        )}
      </div>
      {empty ? (
        <p className="rounded-md border border-dashed border-stone-300 bg-white px-4 py-6 text-sm text-stone-600">{emptyText}</p>
      ) : (
        <>
          {chart}
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">{children}</div>
        </>
      )}
    </section>
  );
}

export const cell = 'px-3 py-2 text-right tabular-nums';
const headCell = 'px-3 py-2 text-right font-medium';
export const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** A progress table's head: the row heading's column, the figures (right-aligned), then text columns. */
export function ProgressTableHead({ rowHeading, figures, texts = [] }: { rowHeading: string; figures: string[]; texts?: string[] }) {
  return (
    <thead className="bg-stone-50 text-stone-700">
      <tr>
        <th scope="col" className="px-3 py-2 text-left font-medium">
          {rowHeading}
        </th>
        {figures.map((label) => (
          <th key={label} scope="col" className={headCell}>
            {label}
          </th>
        ))}
        {texts.map((label) => (
          <th key={label} scope="col" className="px-3 py-2 text-left font-medium">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
