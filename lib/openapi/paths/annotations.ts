import { updateAnnotationSchema } from '@/lib/annotations/schemas.ts';
import { createCommentSchema } from '@/lib/comments/schemas.ts';
import { createRelationSchema } from '@/lib/relations/schemas.ts';
import { reviewSchema } from '@/lib/review/schemas.ts';
import { arrayOf, dateTime, nullable, objectOf, requestSchema, schemaRef } from '@/lib/openapi/json-schema.ts';
import { idParameter, jsonContent, jsonRef, noContent, operation } from '@/lib/openapi/operation.ts';
import type { Paths } from '@/lib/openapi/model.ts';

const tag = 'Annotations';
const annotationId = idParameter('annotation');

// Declarative OpenAPI specs, spelled out per path like the other files here: each reads on its own.
export const annotationPaths: Paths = {
  '/api/annotations/{id}': {
    get: operation({
      operationId: 'getAnnotation',
      summary: 'One annotation with its relations, decisions and comment count',
      tag,
      parameters: [annotationId],
      responses: { '200': jsonRef('The annotation as the side panel shows it.', 'AnnotationDetail') },
    }),
    patch: operation({
      operationId: 'updateAnnotation',
      summary: 'Edit one of your annotations',
      description:
        'Send the `version` you edited and only the fields that change. Editing the span, kind or attributes of a judged annotation sends it back to pending. ' +
        '409 with `details.current` (the annotation now) when the version is stale; also when the kind of a linked annotation would change, or a claim attributed to a source is marked `unattributed`.',
      tag,
      parameters: [annotationId],
      jsonBody: requestSchema(updateAnnotationSchema),
      responses: { '200': jsonRef('The annotation after the edit.', 'Annotation') },
      errors: ['conflict'],
    }),
    delete: operation({
      operationId: 'deleteAnnotation',
      summary: 'Delete one of your annotations',
      description: '409 on an archived article.',
      tag,
      parameters: [annotationId],
      responses: { '204': noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
  '/api/annotations/{id}/comments': {
    get: operation({
      operationId: 'listComments',
      summary: "An annotation's comment thread, oldest first",
      tag,
      parameters: [annotationId],
      responses: { '200': jsonContent('The thread.', objectOf({ items: arrayOf(schemaRef('Comment')) })) },
    }),
    post: operation({
      operationId: 'createComment',
      summary: 'Comment on an annotation',
      description: 'The body is trimmed, then must hold 1 to 5,000 characters.',
      tag,
      parameters: [annotationId],
      jsonBody: requestSchema(createCommentSchema),
      responses: { '201': jsonRef('The comment.', 'Comment') },
    }),
  },
  '/api/annotations/{id}/history': {
    get: operation({
      operationId: 'getAnnotationHistory',
      summary: "An annotation's timeline from the audit trail, oldest first",
      description:
        'Each item has `type`, `id`, `at` and `actor`, plus the fields of its type (`HistoryItem`, lib/annotations/history-diff.ts); edits carry `changes: [{ field, before, after }]`.',
      tag,
      parameters: [annotationId],
      responses: {
        '200': jsonContent(
          'The timeline.',
          objectOf({
            items: arrayOf({
              ...objectOf({
                type: { type: 'string', enum: ['created', 'edited', 'decided', 'commented', 'linked', 'unlinked', 'deleted'] },
                id: { type: 'string' },
                at: dateTime,
                actor: nullable(schemaRef('Person')),
              }),
              additionalProperties: true,
            }),
          }),
        ),
      },
    }),
  },
  '/api/annotations/{id}/review': {
    post: operation({
      operationId: 'reviewAnnotation',
      summary: 'Approve or reject the version you saw (reviewer or admin, never your own)',
      description:
        'A rejection needs a reason (`comment`). 409 with `details.current: { annotation, decision }` when the version is stale or was already judged, and on an archived article.',
      tag: 'Review',
      parameters: [annotationId],
      jsonBody: requestSchema(reviewSchema),
      responses: { '200': jsonContent('The annotation and the decision.', objectOf({ annotation: schemaRef('Annotation'), decision: schemaRef('Decision') })) },
      errors: ['conflict'],
    }),
  },
  '/api/relations': {
    post: operation({
      operationId: 'createRelation',
      summary: 'Link two annotations of one article',
      description:
        'A claim `attributed_to` a source, an event `reported_by` a source, a claim `about` an event. 400 for another pair, an annotation with itself or two articles; 409 for a duplicate, an archived article, or attributing a claim marked unattributed.',
      tag,
      jsonBody: requestSchema(createRelationSchema),
      responses: { '201': jsonRef('The relation.', 'Relation') },
      errors: ['not_found', 'conflict'],
    }),
  },
  '/api/relations/{id}': {
    delete: operation({
      operationId: 'deleteRelation',
      summary: 'Delete one of your relations',
      description: '409 on an archived article.',
      tag,
      parameters: [idParameter('relation')],
      responses: { '204': noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
};
