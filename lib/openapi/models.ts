import { ANNOTATION_KINDS, ANNOTATION_STATUSES, DECISIONS, RELATION_TYPES } from '@/lib/annotations/model.ts';
import { ATTRIBUTE_SCHEMAS } from '@/lib/annotations/schemas.ts';
import { CONTEXT_LENGTH } from '@/lib/annotations/offsets.ts';
import { ROLES } from '@/lib/auth/policy.ts';
import { CONTEXT_MAX } from '@/lib/review/context.ts';
import { errorSchema } from './errors.ts';
import { arrayOf, dateTime, nullable, objectOf, requestSchema, schemaRef } from './json-schema.ts';
import type { JsonSchema } from './model.ts';

/**
 * The response shapes, written from the TypeScript types they mirror (named beside each): those
 * are interfaces, not zod schemas, so there is nothing to convert. Enums come from the same
 * constants the code uses.
 */

const id: JsonSchema = { type: 'string' };
const text: JsonSchema = { type: 'string' };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const nullableText = nullable(text);
const kind: JsonSchema = { type: 'string', enum: [...ANNOTATION_KINDS] };
const status: JsonSchema = { type: 'string', enum: [...ANNOTATION_STATUSES] };

/** AnnotationView (lib/annotations/model.ts), docs/api.md "The annotation". */
const Annotation = objectOf({
  id,
  articleId: id,
  kind,
  start: { type: 'integer', minimum: 0, description: 'UTF-16 code unit index into the article text, inclusive.' },
  end: { type: 'integer', minimum: 1, description: 'UTF-16 code unit index into the article text, exclusive.' },
  exact: { type: 'string', description: 'The quoted text: `text.slice(start, end)`.' },
  prefix: { type: 'string', maxLength: CONTEXT_LENGTH },
  suffix: { type: 'string', maxLength: CONTEXT_LENGTH },
  note: text,
  attributes: {
    description: "Validated per kind: one of the kind's attribute objects.",
    anyOf: ANNOTATION_KINDS.map((k) => schemaRef(`${capitalized(k)}Attributes`)),
  },
  unattributed: { type: 'boolean', description: 'A claim deliberately marked as having no source (always false for events and sources).' },
  status,
  version: { type: 'integer', minimum: 1, description: 'For optimistic concurrency: send it back with an edit or a decision.' },
  author: schemaRef('Person'),
  createdAt: dateTime,
  updatedAt: dateTime,
});

function capitalized(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The attribute objects are the create body's own zod schemas: stored as they were accepted. */
const attributeSchemas = Object.fromEntries(ANNOTATION_KINDS.map((k) => [`${capitalized(k)}Attributes`, requestSchema(ATTRIBUTE_SCHEMAS[k])]));

/** AnnotationRelationDetail (lib/annotations/model.ts). */
const RelationDetail = objectOf({
  id,
  type: { type: 'string', enum: [...RELATION_TYPES] },
  direction: { type: 'string', enum: ['outgoing', 'incoming'], description: "outgoing: this annotation is the relation's `from` end." },
  other: objectOf({ id, kind, exact: { type: 'string', maxLength: 200 }, status }),
  author: schemaRef('Person'),
});

/** DecisionView (lib/review/model.ts). */
const Decision = objectOf({
  id,
  annotationId: id,
  decision: { type: 'string', enum: [...DECISIONS] },
  comment: nullableText,
  annotationVersion: { type: 'integer', minimum: 1 },
  reviewer: schemaRef('Person'),
  createdAt: dateTime,
});

/** AnnotationDetail (lib/annotations/model.ts): what the side panel shows. */
const AnnotationDetail: JsonSchema = {
  allOf: [
    schemaRef('Annotation'),
    objectOf({
      relations: arrayOf(schemaRef('RelationDetail')),
      decisions: { ...arrayOf(schemaRef('Decision')), description: 'Newest first (without `annotationId`).' },
      commentCount: count,
    }),
  ],
};

const highlightSegments = arrayOf(objectOf({ text, highlight: { type: 'boolean' } }));

/** ArticleListItem and ArticleListPage (lib/articles/queries.ts). */
const ArticleListItem = objectOf({
  id,
  title: text,
  source: nullableText,
  author: nullableText,
  url: nullableText,
  publishedAt: nullable(dateTime),
  language: nullableText,
  createdAt: dateTime,
  archivedAt: nullable(dateTime),
  annotationCount: count,
  counts: objectOf({ claims: count, events: count, sources: count, pending: count, approved: count, rejected: count }),
  titleHighlight: highlightSegments,
  snippet: highlightSegments,
  rank: nullable({ type: 'number' }),
});

const page = (item: string) =>
  objectOf({ items: arrayOf(schemaRef(item)), nextCursor: { ...nullableText, description: 'Pass as `cursor` for the next page; null on the last.' } });

/** ArticleMetadata (lib/articles/mutations.ts): what an edit or an archive answers. */
const articleMetadataFields = {
  id,
  title: text,
  source: nullableText,
  author: nullableText,
  url: nullableText,
  canonicalUrl: nullableText,
  publishedAt: nullable(dateTime),
  language: nullableText,
  archivedAt: nullable(dateTime),
  updatedAt: dateTime,
};

/** getArticle (lib/articles/queries.ts): the metadata and the annotatable text. */
const Article = objectOf({
  ...articleMetadataFields,
  text: { type: 'string', description: 'The plain text every offset indexes into (NFC, `\\n` line endings).' },
  createdAt: dateTime,
});

/** CommentView (lib/comments/model.ts). */
const Comment = objectOf({ id, annotationId: id, body: text, author: schemaRef('Person'), createdAt: dateTime });

/** RelationView (lib/relations/model.ts). */
const Relation = objectOf({ id, fromId: id, toId: id, type: { type: 'string', enum: [...RELATION_TYPES] }, author: schemaRef('Person'), createdAt: dateTime });

/** ReviewQueueItem (lib/review/model.ts). */
const ReviewQueueItem = objectOf({
  annotation: schemaRef('Annotation'),
  article: objectOf({ id, title: text }),
  // Up to CONTEXT_MAX units of the sentence, and "…" where it was cut.
  context: objectOf({ before: { type: 'string', maxLength: CONTEXT_MAX + 1 }, after: { type: 'string', maxLength: CONTEXT_MAX + 1 } }),
  relations: arrayOf(schemaRef('RelationDetail')),
});

/** TokenView (lib/tokens/model.ts). */
const tokenFields = { id, name: text, prefix: text, createdAt: dateTime, lastUsedAt: nullable(dateTime), revokedAt: nullable(dateTime) };

/** UserSummary (lib/users/queries.ts). */
const User = objectOf({
  id,
  email: { type: 'string', format: 'email' },
  name: text,
  role: { type: 'string', enum: [...ROLES] },
  disabled: { type: 'boolean' },
  createdAt: dateTime,
});

/** ImportJobView (lib/import-jobs/queries.ts). */
const ImportJob = objectOf({
  id,
  state: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'interrupted'] },
  createdAt: dateTime,
  finishedAt: nullable(dateTime),
  createdBy: { type: 'string', description: 'The name of the admin who ran it.' },
  totalItems: count,
  created: count,
  duplicates: count,
  failed: count,
  annotations: count,
  relations: count,
});

/** ItemResult (lib/import-jobs/results.ts): one line of an import's results. */
const ImportItemResult = objectOf(
  {
    index: count,
    name: text,
    title: text,
    status: { type: 'string', enum: ['created', 'duplicate', 'failed'] },
    articleId: id,
    error: text,
    annotations: count,
    relations: count,
    warning: text,
  },
  ['name', 'title', 'articleId', 'error', 'annotations', 'relations', 'warning'],
);

export const schemas: Record<string, JsonSchema> = {
  Error: errorSchema,
  Person: objectOf({ id, name: text }),
  Annotation,
  ...attributeSchemas,
  AnnotationDetail,
  RelationDetail,
  Decision,
  Comment,
  Relation,
  ArticleListItem,
  ArticlePage: page('ArticleListItem'),
  ArticleMetadata: objectOf(articleMetadataFields),
  Article,
  ReviewQueuePage: page('ReviewQueueItem'),
  ReviewQueueItem,
  Token: objectOf(tokenFields),
  CreatedToken: objectOf({
    ...tokenFields,
    token: { type: 'string', description: 'The secret, shown this once: send it as `Authorization: Bearer <token>`.' },
  }),
  User,
  ImportJob,
  ImportJobWithResults: { allOf: [schemaRef('ImportJob'), objectOf({ results: arrayOf(schemaRef('ImportItemResult')) })] },
  ImportItemResult,
  ImportOutcome: objectOf({
    jobId: id,
    created: count,
    duplicates: count,
    failed: count,
    annotations: count,
    relations: count,
    results: arrayOf(schemaRef('ImportItemResult')),
  }),
};
