import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found';
import type { NextRequest } from 'next/server';
import { articleListQuerySchema } from '@/lib/articles/list-query';
import { authorizeApi } from '@/lib/auth/session';
import { exportDownload } from '@/lib/export/download';
import { EXPORT_FILTER_KEYS, exportQuerySchema } from '@/lib/export/schemas';
import { isExportableArticle, type ExportQuery } from '@/lib/export/queries';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse } from '@/lib/http/responses';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/http/other-methods';

export const dynamic = 'force-dynamic';

/**
 * GET /api/export?format=jsonl|w3c|csv|brat&status=approved|all&articleId=&bom=1 plus the /articles
 * filters (q, source, from, to, annotated, review): the export as a streamed attachment.
 * Archived articles are never exported; an unknown (or archived) articleId is 404.
 */
export const GET = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('export');
  if (!auth.ok) return errorResponse(auth.error);
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const parsed = parseInput(exportQuerySchema, params);
  if (!parsed.ok) return errorResponse(parsed.error);
  const filters = parseInput(articleListQuerySchema, Object.fromEntries(EXPORT_FILTER_KEYS.filter((k) => k in params).map((k) => [k, params[k]])));
  if (!filters.ok) return errorResponse(filters.error);
  const { format, status, articleId, bom } = parsed.value;

  if (articleId && !(await isExportableArticle(articleId))) return errorResponse(NO_SUCH_ARTICLE.error);
  const { q, source, from, toExclusive, annotated, review } = filters.value;
  const query: ExportQuery = { scope: status, ...(articleId ? { articleIds: [articleId] } : {}), filter: { q, source, from, toExclusive, annotated, review } };
  return exportDownload({ format, query, bom, ...(articleId ? { articleId } : {}) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
