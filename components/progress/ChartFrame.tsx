import type { ReactNode } from 'react';

/**
 * A chart with its description: the table beside it carries the same figures for screen readers,
 * so the drawing itself is one labelled image.
 */
export function ChartFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3">
      <div role="img" aria-label={label} className="h-72 w-full">
        {children}
      </div>
      <figcaption className="mt-1 text-xs text-stone-600">{label}</figcaption>
    </figure>
  );
}
