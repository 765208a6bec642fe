import { articleListQuerySchema } from '@/lib/articles/list-query.ts';
import { EXPORT_FILTER_KEYS, exportQuerySchema } from '@/lib/export/schemas.ts';
import { PROGRESS_TABLES, progressQuerySchema } from '@/lib/progress/schemas.ts';
import { arrayOf, objectOf, queryParameters } from '@/lib/openapi/json-schema.ts';
import { jsonContent, operation } from '@/lib/openapi/operation.ts';
import type { JsonSchema, Parameter, Paths } from '@/lib/openapi/model.ts';

const attachment = { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } };
const bytes: JsonSchema = { type: 'string' };

/** The export's own fields, then the corpus filters it shares with GET /api/articles. */
const exportParameters: Parameter[] = [
  ...queryParameters(exportQuerySchema, {
    descriptions: {
      format: 'Default `jsonl`.',
      status: '`approved` (default) exports approved annotations only; `all` every annotation with its status.',
      articleId: 'One article only (404 when unknown or archived).',
      bom: 'CSV: `1` starts the file with a UTF-8 byte order mark.',
    },
  }),
  ...queryParameters(articleListQuerySchema, { only: EXPORT_FILTER_KEYS }),
];

// Declarative OpenAPI specs, spelled out per path like the other files here: each reads on its own.
export const systemPaths: Paths = {
  '/api/health': {
    get: operation({
      operationId: 'health',
      summary: 'Whether the server and its database are up',
      tag: 'System',
      access: 'public',
      responses: {
        '200': jsonContent('Up.', objectOf({ status: { const: 'ok' } })),
        '503': jsonContent('The database is unreachable.', objectOf({ status: { const: 'unavailable' }, database: { const: 'down' } })),
      },
    }),
  },
  '/api/openapi.json': {
    get: operation({
      operationId: 'openApiDocument',
      summary: 'This OpenAPI 3.1 description of the API',
      description: 'Public: it describes the API and holds no data, and tools fetch it without credentials.',
      tag: 'System',
      access: 'public',
      responses: { '200': jsonContent('The OpenAPI document.', { type: 'object' }) },
    }),
  },
  '/api/export': {
    get: operation({
      operationId: 'exportAnnotations',
      summary: 'Export annotations as a streamed download',
      description:
        'JSONL (one article a line), W3C Web Annotation (the AnnotationCollection at the top level, its first AnnotationPage embedded as `first`, the later pages in `@included`, linked by `next`), CSV (one row per annotation) or brat standoff (a zip of `<articleId>.txt` and `.ann` per article, then `annotation.conf`). ' +
        'Archived articles are never exported; relations only when both ends are. Articles in id order, so the same data gives the same bytes.',
      tag: 'Export',
      parameters: exportParameters,
      responses: {
        '200': {
          description: 'The export, streamed.',
          headers: attachment,
          content: {
            'application/x-ndjson': { schema: bytes },
            'application/ld+json': { schema: { type: 'object' } },
            'text/csv': { schema: bytes },
            'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } },
          },
        },
      },
      errors: ['validation', 'not_found'],
    }),
  },
  '/api/progress/{table}': {
    get: operation({
      operationId: 'getProgressTable',
      summary: 'A table of the progress page as JSON or CSV',
      description:
        "Rows are `ArticleProgress`, `AnnotatorProgress` or `ReviewerProgress` (lib/progress/types.ts). A `.csv` suffix or `format=csv` answers an RFC 4180 CSV download instead (cells starting with `= + - @` get a leading `'`).",
      tag: 'Progress',
      parameters: [
        { name: 'table', in: 'path', required: true, schema: { type: 'string', enum: PROGRESS_TABLES.flatMap((t) => [t, `${t}.csv`]) } },
        { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        ...queryParameters(progressQuerySchema, {
          descriptions: { from: 'Whole UTC days, inclusive (decisions: of the decision).', to: 'Whole UTC days, inclusive.' },
        }),
      ],
      responses: {
        '200': {
          description: 'The table.',
          content: { 'application/json': { schema: objectOf({ items: arrayOf({ type: 'object' }) }) }, 'text/csv': { schema: bytes } },
        },
      },
      errors: ['validation'],
    }),
  },
};
