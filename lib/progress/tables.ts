import { annotatorsCsv, articlesCsv, reviewersCsv } from './csv.ts';
import { annotatorProgress, articleProgress, reviewerProgress } from './queries.ts';
import type { ProgressQuery, ProgressTable } from './schemas.ts';

/** One progress table: its rows, and the CSV of those rows (pure writer) when asked for a download. */
export async function progressTable(name: ProgressTable, query: ProgressQuery): Promise<{ items: object[]; csv: () => string }> {
  switch (name) {
    case 'articles': {
      const items = await articleProgress(query);
      return { items, csv: () => articlesCsv(items) };
    }
    case 'annotators': {
      const items = await annotatorProgress(query);
      return { items, csv: () => annotatorsCsv(items) };
    }
    case 'reviewers': {
      const items = await reviewerProgress(query);
      return { items, csv: () => reviewersCsv(items) };
    }
  }
}

/** The download's name: the table and the days it covers. */
export function progressCsvFilename(name: ProgressTable, range: { from?: string | null; to?: string | null }): string {
  const suffix = [range.from, range.to].filter(Boolean).join('_to_');
  return `newsmark-progress-${name}${suffix ? `-${suffix}` : ''}.csv`;
}
