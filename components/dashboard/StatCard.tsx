/** One figure of a dashboard <dl>: the wrapper div keeps dt/dd pairs valid. */
/** `atLeast`: the figure was counted up to a cap and is at least `value` ("10,000+"). */
export function StatCard({ label, value, hint, atLeast = false }: { label: string; value: number; hint?: string; atLeast?: boolean }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums" aria-label={`${label}: ${atLeast ? 'more than ' : ''}${value}`}>
        {value.toLocaleString('en')}
        {atLeast ? '+' : ''}
      </dd>
      {hint ? <dd className="mt-1 text-xs text-stone-500">{hint}</dd> : null}
    </div>
  );
}
