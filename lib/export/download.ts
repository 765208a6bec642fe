import { exportHeaders, exportStream, type ExportFormat } from './response.ts';
import { countExport, exportItems, type ExportQuery } from './queries.ts';
import type { ExportItem } from './model.ts';

export interface ExportDownload {
  format: ExportFormat;
  query: ExportQuery;
  /** CSV: start with a UTF-8 byte order mark. */
  bom?: boolean;
  /** The one article exported from its page, named in the W3C collection's id. */
  articleId?: string;
  /** Sees the items on their way to the writer (the bench counts them); the same items must come out. */
  observe?: (items: AsyncIterable<ExportItem>) => AsyncIterable<ExportItem>;
}

/** The export as GET /api/export answers it, once the request is authorised and parsed: a streamed attachment. */
export async function exportDownload({ format, query, bom = false, articleId, observe = (items) => items }: ExportDownload): Promise<Response> {
  const total = format === 'w3c' ? await countExport(query) : undefined;
  const stream = exportStream(format, observe(exportItems(query)), {
    bom,
    total,
    collectionId: `urn:newsmark:export:${query.scope}${articleId ? `:${articleId}` : ''}`,
    label: query.scope === 'approved' ? 'Newsmark export: approved annotations' : 'Newsmark export: all annotations with their status',
  });
  return new Response(stream, { headers: exportHeaders(format, query.scope) });
}
