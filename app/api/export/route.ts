import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { articleListQuerySchema } from '@/lib/articles/list-query';
import { authorizeApi } from '@/lib/auth/session';
import { exportDownload } from '@/lib/export/download';
import { EXPORT_FORMATS } from '@/lib/export/response';
import { isExportableArticle, type ExportQuery } from '@/lib/export/source';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse } from '@/lib/http/responses';
import { entityIdSchema } from '@/lib/ids';
import { fail } from '@/lib/result';
import { optionalField, parseInput } from '@/lib/validation';

export const dynamic = 'force-dynamic';

const exportQuerySchema = z.object({
  format: optionalField(z.enum(EXPORT_FORMATS, `Choose one of ${EXPORT_FORMATS.join(', ')}.`)).transform((f) => f ?? 'jsonl'),
  status: optionalField(z.enum(['approved', 'all'], 'Choose approved or all.')).transform((s) => s ?? 'approved'),
  articleId: optionalField(entityIdSchema),
  bom: optionalField(z.enum(['0', '1'], 'Use bom=1 or leave it out.')).transform((b) => b === '1'),
});

/** The /articles filters that select what is exported (sort, cursor, limit and archived do not apply). */
const FILTER_KEYS = ['q', 'source', 'from', 'to', 'annotated', 'review'] as const;

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
  const filters = parseInput(articleListQuerySchema, Object.fromEntries(FILTER_KEYS.filter((k) => k in params).map((k) => [k, params[k]])));
  if (!filters.ok) return errorResponse(filters.error);
  const { format, status, articleId, bom } = parsed.value;

  if (articleId && !(await isExportableArticle(articleId))) return errorResponse(fail('not_found', 'No such article.').error);
  const { q, source, from, toExclusive, annotated, review } = filters.value;
  const query: ExportQuery = { scope: status, ...(articleId ? { articleIds: [articleId] } : {}), filter: { q, source, from, toExclusive, annotated, review } };
  return exportDownload({ format, query, bom, ...(articleId ? { articleId } : {}) });
});
