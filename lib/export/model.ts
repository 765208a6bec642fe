import type { AnnotationStatusName, RelationTypeName, AnnotationKindName, DecisionName } from '@/lib/annotations/model.ts';

/**
 * What the export writers read: one article with its annotations and relations, already loaded
 * and filtered by scope (approved only, or all). Plain data, so the writers stay pure and the
 * streaming code that loads articles page by page can feed them one item at a time.
 * Offsets are UTF-16 code unit indices into `article.text`, as in the database and the JSON API.
 */
export interface ExportArticle {
  id: string;
  title: string;
  text: string;
  url: string | null;
  source: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
}

export type ExportAnnotationKind = AnnotationKindName;
export type ExportAnnotationStatus = AnnotationStatusName;
export type ExportRelationType = RelationTypeName;

export interface ExportPerson {
  name: string;
  email: string;
}

export interface ExportDecision {
  decision: DecisionName;
  comment: string | null;
  reviewer: ExportPerson;
  createdAt: string;
}

export interface ExportAnnotation {
  id: string;
  kind: ExportAnnotationKind;
  /** UTF-16 code units, start inclusive. */
  start: number;
  /** UTF-16 code units, end exclusive. */
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string | null;
  attributes: Record<string, unknown>;
  /** A claim deliberately marked as having no source (always false for events and sources). */
  unattributed: boolean;
  status: ExportAnnotationStatus;
  version: number;
  author: ExportPerson & { id: string };
  createdAt: string;
  updatedAt: string;
  /** The latest review decision, null while pending. */
  decision: ExportDecision | null;
}

export interface ExportRelation {
  id: string;
  fromId: string;
  toId: string;
  type: ExportRelationType;
  author: ExportPerson;
  createdAt: string;
}

export interface ExportItem {
  article: ExportArticle;
  annotations: readonly ExportAnnotation[];
  relations: readonly ExportRelation[];
}
