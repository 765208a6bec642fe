import { articleListQuerySchema } from '../../articles/list-query.ts';
import { EXPORT_FORMATS } from '../../export/response.ts';
import { entityIdSchema } from '../../ids.ts';
import { PROGRESS_TABLES, progressQuerySchema } from '../../progress/schemas.ts';
import { arrayOf, objectOf, queryParameters, requestSchema } from '../json-schema.ts';
import { jsonContent, operation } from '../operation.ts';
import type { JsonSchema, Parameter, Paths } from '../types.ts';

const attachment = { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } };
const bytes: JsonSchema = { type: 'string' };

/**
 * The export's own query fields are parsed by a schema local to its route (app/ may not be
 * imported from lib/), so they are written here from the same constants; the corpus filters it
 * shares with GET /api/articles come from that schema.
 */
const exportParameters: Parameter[] = [
  { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl' } },
  { name: 'status', in: 'query', required: false, description: '`approved` exports approved annotations only; `all` every annotation with its status.', schema: { type: 'string', enum: ['approved', 'all'], default: 'approved' } },
  { name: 'articleId', in: 'query', required: false, description: 'One article only (404 when unknown or archived).', schema: requestSchema(entityIdSchema) },
  { name: 'bom', in: 'query', required: false, description: 'CSV: `1` starts the file with a UTF-8 byte order mark.', schema: { type: 'string', enum: ['0', '1'] } },
  ...queryParameters(articleListQuerySchema, { only: ['q', 'source', 'from', 'to', 'annotated', 'review'] }),
];

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
        'JSONL (one article a line), W3C Web Annotation (an AnnotationCollection), CSV (one row per annotation) or brat standoff (a zip of `<articleId>.txt` and `.ann` per article, then `annotation.conf`). ' +
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
        'Rows are `ArticleProgress`, `AnnotatorProgress` or `ReviewerProgress` (lib/progress/types.ts). A `.csv` suffix or `format=csv` answers an RFC 4180 CSV download instead (cells starting with `= + - @` get a leading `\'`).',
      tag: 'Progress',
      parameters: [
        { name: 'table', in: 'path', required: true, schema: { type: 'string', enum: PROGRESS_TABLES.flatMap((t) => [t, `${t}.csv`]) } },
        { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        ...queryParameters(progressQuerySchema, { descriptions: { from: 'Whole UTC days, inclusive (decisions: of the decision).', to: 'Whole UTC days, inclusive.' } }),
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
