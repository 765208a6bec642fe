import { createAnnotationSchema } from '@/lib/annotations/schemas.ts';
import { importQuerySchema } from '@/lib/import-jobs/schemas.ts';
import { IMPORT_LIMITS } from '@/lib/import-jobs/limits.ts';
import { articleListQuerySchema } from '@/lib/articles/list-query.ts';
import { articleArchiveSchema, articleMetadataSchema } from '@/lib/articles/metadata-schema.ts';
import { importItemSchema } from '@/lib/articles/parse/article-fields.ts';
import { arrayOf, objectOf, queryParameters, requestSchema, schemaRef } from '@/lib/openapi/json-schema.ts';
import { idParameter, jsonContent, jsonRef, operation } from '@/lib/openapi/operation.ts';
import type { Paths } from '@/lib/openapi/model.ts';

const tag = 'Articles';
const articleId = idParameter('article');
const importArticle = requestSchema(importItemSchema);

// Declarative OpenAPI specs, spelled out per path like the other files here: each reads on its own.
export const articlePaths: Paths = {
  '/api/articles': {
    get: operation({
      operationId: 'listArticles',
      summary: 'Search and list the corpus, a page at a time',
      description: 'Archived articles are listed only for admins (`archived=include|only`); for everyone else the parameter is ignored.',
      tag,
      parameters: queryParameters(articleListQuerySchema, {
        descriptions: {
          q: 'Full-text search.',
          from: 'Published on or after this UTC day.',
          to: 'Published on or before this UTC day.',
          cursor: 'The `nextCursor` of the previous page (opaque).',
        },
      }),
      responses: { '200': jsonRef('A page of articles.', 'ArticlePage') },
      errors: ['validation'],
    }),
    post: operation({
      operationId: 'importArticles',
      summary: 'Import articles (admin)',
      description:
        `Parsed by hand, not by one schema: JSON \`{ articles: [...] }\`, NDJSON (one article object a line) or multipart files (.txt .md .html .htm .json .jsonl .csv). ` +
        `At most ${IMPORT_LIMITS.maxItems.toLocaleString('en')} articles and ${IMPORT_LIMITS.maxRequestBytes / 1024 / 1024} MB per request, ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB per file. ` +
        'Each item succeeds or fails on its own; give `text` or `html` (parsed to plain text once). ' +
        '429 with `Retry-After` when the parsers are busy with other imports; nothing is read or written then.',
      tag,
      parameters: queryParameters(importQuerySchema, {
        descriptions: { jobId: 'Add to a job opened with `POST /api/import-jobs`; without it the request is a job of its own.' },
      }),
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: objectOf({ articles: arrayOf(importArticle) }) },
          'application/x-ndjson': { schema: { type: 'string', description: 'One article object (as in the JSON form) per line.' } },
          'multipart/form-data': {
            schema: {
              type: 'object',
              description: 'Every file field is read, whatever its name.',
              additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
      },
      responses: { '201': jsonRef('The job and the outcome of every item, in order.', 'ImportOutcome') },
      // 404 and 409: a `jobId` that does not exist, or names a finished job.
      // The same errors as the annotated import in imports.ts, listed here so each operation reads on its own.
      errors: ['validation', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'rate_limited'],
    }),
  },
  '/api/articles/{id}': {
    get: operation({
      operationId: 'getArticle',
      summary: 'One article with its text',
      tag,
      parameters: [articleId],
      responses: { '200': jsonRef('The article.', 'Article') },
    }),
    patch: operation({
      operationId: 'updateArticleMetadata',
      summary: "Edit an article's metadata (admin), never its text",
      description: 'Null or "" clears an optional field. A URL another article already has is a 409.',
      tag,
      parameters: [articleId],
      jsonBody: requestSchema(articleMetadataSchema),
      responses: { '200': jsonRef('The metadata as stored.', 'ArticleMetadata') },
      errors: ['conflict'],
    }),
  },
  '/api/articles/{id}/archive': {
    post: operation({
      operationId: 'setArticleArchived',
      summary: 'Archive or unarchive an article (admin)',
      tag,
      parameters: [articleId],
      jsonBody: requestSchema(articleArchiveSchema),
      responses: { '200': jsonRef('The metadata as stored.', 'ArticleMetadata') },
    }),
  },
  '/api/articles/{id}/annotations': {
    get: operation({
      operationId: 'listArticleAnnotations',
      summary: "An article's annotations",
      tag,
      parameters: [
        articleId,
        {
          name: 'format',
          in: 'query',
          required: false,
          description: "`paint`: the annotator's packed form (`PackedPaintData`, lib/annotations/paint.ts); `fingerprint`: only whether that changed.",
          schema: { type: 'string', enum: ['full', 'paint', 'fingerprint'], default: 'full' },
        },
      ],
      responses: {
        '200': jsonContent('`{ items }` by default; the packed paint data or `{ fingerprint }` with `format`.', {
          oneOf: [
            objectOf({ items: arrayOf(schemaRef('Annotation')) }),
            objectOf({
              a: { type: 'string' },
              r: { type: 'string' },
              u: arrayOf({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], items: false }),
              f: { type: 'string' },
            }),
            objectOf({ fingerprint: { type: 'string' } }),
          ],
        }),
      },
      errors: ['validation'],
    }),
    post: operation({
      operationId: 'createAnnotation',
      summary: 'Annotate a span',
      description:
        'Offsets are UTF-16 code unit indices into the article text; `exact`, when sent, must equal the text there. The annotation starts pending, at version 1.',
      tag,
      parameters: [articleId],
      jsonBody: requestSchema(createAnnotationSchema),
      responses: { '201': jsonRef('The annotation.', 'Annotation') },
      errors: ['conflict'],
    }),
  },
  '/api/articles/{id}/events': {
    get: operation({
      operationId: 'streamArticleEvents',
      summary: "Live changes to an article's annotations, relations and comments",
      description:
        'Server-sent events, one JSON `LiveMessage` (lib/live/model.ts) per event; `listening` means nothing is missed from then on, `resync` asks the client to reload.',
      tag,
      parameters: [articleId],
      responses: {
        '200': {
          description: 'The event stream, open until the client leaves or the session ends.',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
      },
    }),
  },
};
