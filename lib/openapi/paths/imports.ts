import { importJobQuerySchema } from '../../articles/import/schemas.ts';
import { arrayOf, objectOf, queryParameters, schemaRef } from '../json-schema.ts';
import { idParameter, jsonContent, jsonRef, operation } from '../operation.ts';
import type { Paths } from '../types.ts';

const tag = 'Import';
const jobId = idParameter('import job');

export const importPaths: Paths = {
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
