import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { isProgressTable, progressFormatSchema, progressQuerySchema } from '@/lib/progress/schemas';
import { progressCsvFilename, progressTable } from '@/lib/progress/tables';
import { fail } from '@/lib/result';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/http/other-methods';

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
  const format = parseInput(progressFormatSchema, { format: raw.endsWith('.csv') ? 'csv' : (searchParams.get('format') ?? undefined) });
  if (!format.ok) return errorResponse(format.error);
  const query = parseInput(progressQuerySchema, { from: searchParams.get('from') ?? undefined, to: searchParams.get('to') ?? undefined });
  if (!query.ok) return errorResponse(query.error);

  const result = await progressTable(name, query.value);
  if (format.value.format === 'json') return jsonResponse({ items: result.items });
  const filename = progressCsvFilename(name, { from: searchParams.get('from'), to: searchParams.get('to') });
  return new NextResponse(result.csv(), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
