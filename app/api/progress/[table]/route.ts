import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { annotatorsCsv, articlesCsv, reviewersCsv } from '@/lib/progress/csv';
import { annotatorProgress, articleProgress, reviewerProgress } from '@/lib/progress/queries';
import { isProgressTable, progressQuerySchema, type ProgressQuery, type ProgressTable } from '@/lib/progress/schemas';
import { fail } from '@/lib/result';
import { parseInput } from '@/lib/validation';

async function table(name: ProgressTable, query: ProgressQuery) {
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

/**
 * `GET /api/progress/articles|annotators|reviewers[.csv][?format=csv&from=&to=]`: a table of the
 * progress page, as `{ items }` or as a CSV download.
 */
export const GET = apiHandler(async (request: NextRequest, { params }: { params: Promise<{ table: string }> }) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const raw = (await params).table;
  const searchParams = request.nextUrl.searchParams;
  const name = raw.endsWith('.csv') ? raw.slice(0, -'.csv'.length) : raw;
  if (!isProgressTable(name)) return errorResponse(fail('not_found', 'There is no such progress table.').error);
  const format = raw.endsWith('.csv') ? 'csv' : (searchParams.get('format') ?? 'json');
  if (format !== 'csv' && format !== 'json') return errorResponse(fail('validation', 'The format is csv or json.', { format: ['The format is csv or json.'] }).error);
  const query = parseInput(progressQuerySchema, { from: searchParams.get('from') ?? undefined, to: searchParams.get('to') ?? undefined });
  if (!query.ok) return errorResponse(query.error);

  const result = await table(name, query.value);
  if (format === 'json') return jsonResponse({ items: result.items });
  const suffix = [searchParams.get('from'), searchParams.get('to')].filter(Boolean).join('_to_');
  const filename = `newsmark-progress-${name}${suffix ? `-${suffix}` : ''}.csv`;
  return new NextResponse(result.csv(), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
