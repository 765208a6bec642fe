import type { AnnotationStatusName, RelationTypeName, AnnotationKindName, DecisionName } from '@/lib/annotations/model.ts';

/**
 * One document of an annotation import, whatever file it came from (a line of a JSONL export, a
 * .txt/.ann pair of a brat zip): the article as given, and its annotations and relations with
 * offsets into `article.text` as given (UTF-16 units). The article still goes through the
 * article import's normalisation and deduplication, and the spans are anchored again into the
 * text that is finally stored (lib/annotation-import/anchor.ts).
 */
export interface ImportDocument {
  /** Where it came from, for a person: "export.jsonl line 3", "corpus.zip: doc7". */
  name: string;
  /** The article object as the article importer reads it: { title?, text, url?, … }. */
  article: Record<string, unknown> & { text: string };
  annotations: ImportAnnotation[];
  relations: ImportRelation[];
  /** Things of the file that were left out, said once per document (brat lines of other kinds…). */
  warnings: string[];
}

/** A person as the file names them; matched to an account by email. */
export interface ImportPerson {
  email: string | null;
  name: string | null;
}

export interface ImportDecision {
  decision: DecisionName;
  comment: string | null;
  reviewer: ImportPerson;
  createdAt: Date | null;
}

export interface ImportAnnotation {
  /** The file's own id of the annotation (a JSONL id, a brat T number): what relations point at. */
  key: string;
  kind: AnnotationKindName;
  /** UTF-16 units into the document's text. */
  start: number;
  end: number;
  exact: string;
  note: string | null;
  attributes: Record<string, unknown>;
  unattributed: boolean;
  status: AnnotationStatusName;
  version: number;
  author: ImportPerson;
  createdAt: Date | null;
  updatedAt: Date | null;
  decision: ImportDecision | null;
}

export interface ImportRelation {
  type: RelationTypeName;
  fromKey: string;
  toKey: string;
  author: ImportPerson;
  createdAt: Date | null;
}

/** A document, or why it cannot be imported at all (the file's name says where). */
export type ReadDocument = { ok: true; document: ImportDocument } | { ok: false; name: string; error: string };
