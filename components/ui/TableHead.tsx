import type { ReactNode } from 'react';

const STYLE = {
  /** A table in a bordered card: a shaded header row with a rule under it. */
  card: { head: 'border-b border-stone-200 bg-stone-50 text-xs text-stone-600 uppercase', cell: 'px-3 py-2' },
  /** A small table inside a section: plain header, cells spaced on the right. */
  compact: { head: 'text-xs text-stone-500 uppercase', cell: 'py-1 pr-3 last:pr-0' },
} as const;

/** The header row of a data table: one column header per entry, scoped for screen readers. */
export function TableHead({ columns, variant = 'card' }: { columns: readonly ReactNode[]; variant?: keyof typeof STYLE }) {
  const style = STYLE[variant];
  return (
    <thead className={style.head}>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={style.cell}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
