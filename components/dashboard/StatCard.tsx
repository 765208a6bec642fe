/** One figure of a dashboard <dl>: the wrapper div keeps dt/dd pairs valid. */
export function StatCard({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums" aria-label={`${label}: ${value}`}>
        {value.toLocaleString('en')}
      </dd>
      {hint ? <dd className="mt-1 text-xs text-stone-500">{hint}</dd> : null}
    </div>
  );
}
