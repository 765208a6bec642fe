/** Small helpers shared by the benchmarks: percentiles and a table with ratios to a reference. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface Row {
  name: string;
  samples: number[];
  /** Name of the row this one is compared with. */
  reference?: string;
}

export function printTable(title: string, unit: string, rows: Row[]): void {
  const p50 = new Map(rows.map((r) => [r.name, percentile(r.samples, 50)]));
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${title}`);
  console.log(`${'measure'.padEnd(width)}  ${'runs'.padStart(4)}  ${`p50 ${unit}`.padStart(10)}  ${`p99 ${unit}`.padStart(10)}  ratio (p50 / reference p50)`);
  for (const r of rows) {
    const ref = r.reference ? p50.get(r.reference) : undefined;
    const ratio = ref ? `${(p50.get(r.name)! / ref).toFixed(1)}x ${r.reference}` : 'reference';
    console.log(
      `${r.name.padEnd(width)}  ${String(r.samples.length).padStart(4)}  ${percentile(r.samples, 50).toFixed(0).padStart(10)}  ${percentile(r.samples, 99).toFixed(0).padStart(10)}  ${ratio}`,
    );
  }
}

/** Latencies in ms as rows of runs, p50, p99 and max, under a title. */
export function printLatencies(title: string, rows: [name: string, samples: number[]][]): void {
  const width = Math.max(7, ...rows.map(([name]) => name.length));
  console.log(`\n${title}`);
  console.log(`${'measure'.padEnd(width)} ${'runs'.padStart(6)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)}`);
  for (const [name, samples] of rows) {
    console.log(
      `${name.padEnd(width)} ${String(samples.length).padStart(6)} ${percentile(samples, 50).toFixed(1).padStart(9)} ${percentile(samples, 99).toFixed(1).padStart(9)} ${Math.max(
        ...samples,
      )
        .toFixed(1)
        .padStart(9)}`,
    );
  }
}
