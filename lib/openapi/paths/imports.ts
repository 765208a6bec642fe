import { ANNOTATED_IMPORT_LIMITS, annotatedImportQuerySchema } from '@/lib/import-requests/read-annotated.ts';
import { importJobQuerySchema } from '@/lib/import-jobs/schemas.ts';
import { arrayOf, objectOf, queryParameters, schemaRef } from '@/lib/openapi/json-schema.ts';
import { idParameter, jsonContent, jsonRef, operation } from '@/lib/openapi/operation.ts';
import type { Paths } from '@/lib/openapi/model.ts';

const tag = 'Import';
const jobId = idParameter('import job');

// Declarative OpenAPI specs, spelled out per path like the other files here: each reads on its own.
export const importPaths: Paths = {
  '/api/import/annotations': {
    post: operation({
      operationId: 'importAnnotated',
      summary: 'Import annotated articles: a Newsmark JSONL export or a brat corpus (admin)',
      description:
        'The body is the file itself. A JSONL export (`application/x-ndjson`, one `{ article, annotations, relations }` per line, as `GET /api/export?format=jsonl` writes it) is streamed through, ' +
        `so its size is bounded only by ${ANNOTATED_IMPORT_LIMITS.maxJsonlBytes / 1024 / 1024 / 1024} GB and each line by ${ANNOTATED_IMPORT_LIMITS.maxLineBytes / 1024 / 1024} MB; its first line must be an export line, or nothing is written. ` +
        `A brat corpus (\`application/zip\`, at most ${ANNOTATED_IMPORT_LIMITS.maxZipBytes / 1024 / 1024} MB) holds \`x.txt\` and \`x.ann\` pairs, offsets in code points. ` +
        "Articles follow the article import's deduplication; annotations land on the article stored (re-anchored by their quote if its text differs), ones it already has are skipped. " +
        'Authors and reviewers are matched by email; unknown ones become the placeholder user (`IMPORT_PLACEHOLDER_EMAIL`). Statuses, versions, times, the last decision and relations are kept.',
      tag,
      parameters: queryParameters(annotatedImportQuerySchema, {
        descriptions: {
          jobId: 'Add to a job opened with `POST /api/import-jobs`; without it the request is a job of its own.',
          format: 'Otherwise read from the content type.',
          name: 'The file name, for the results ("export.jsonl line 3").',
        },
      }),
      requestBody: {
        required: true,
        content: {
          'application/x-ndjson': { schema: { type: 'string', description: 'A Newsmark JSONL export.' } },
          'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip', description: 'A brat standoff corpus.' } },
        },
      },
      responses: { '201': jsonRef('The job and the outcome of every article, in order, with the annotations and relations each added.', 'ImportOutcome') },
      // 429: a brat zip is read on the import's parse workers, which may be busy with other imports.
      // The same errors as the article import in articles.ts, listed here so each operation reads on its own.
      errors: ['validation', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'rate_limited'],
    }),
  },
  '/api/import-jobs': {
    get: operation({
      operationId: 'listImportJobs',
      summary: 'The 20 most recent import jobs (admin)',
      tag,
      responses: { '200': jsonContent('The jobs, newest first.', objectOf({ items: arrayOf(schemaRef('ImportJob')) })) },
    }),
    post: operation({
      operationId: 'createImportJob',
      summary: 'Open an import job that several uploads feed (admin)',
      description: 'Send each upload to `POST /api/articles?jobId=`, then finish the job.',
      tag,
      responses: { '201': jsonContent('The new job.', objectOf({ id: { type: 'string' } })) },
    }),
  },
  '/api/import-jobs/{id}': {
    get: operation({
      operationId: 'getImportJob',
      summary: "An import job's state, counts and per-item results (admin)",
      tag,
      parameters: [jobId, ...queryParameters(importJobQuerySchema, { descriptions: { results: '`false` answers the state and counts only, for polling.' } })],
      responses: {
        '200': jsonContent('The job; with `results=false`, without `results`.', { oneOf: [schemaRef('ImportJobWithResults'), schemaRef('ImportJob')] }),
      },
      errors: ['validation'],
    }),
  },
  '/api/import-jobs/{id}/finish': {
    post: operation({
      operationId: 'finishImportJob',
      summary: 'Mark an import job done (admin)',
      tag,
      parameters: [jobId],
      responses: { '200': jsonRef('The finished job with its results.', 'ImportJobWithResults') },
    }),
  },
};
