import type { PaintAnnotation } from '@/lib/annotations/paint';
import type { RelationTypeName, AnnotationView } from '@/lib/annotations/model';
import type { FieldErrors } from '@/lib/result';

/** An annotation as the JSON API returns it: the server's view, dates as strings. */
export type AnnotationJson = Omit<AnnotationView, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

/** `GET /api/annotations/:id`: the annotation with its review history. */
export type AnnotationDetailJson = AnnotationJson & {
  decisions: {
    id: string;
    decision: 'approve' | 'reject';
    comment: string | null;
    annotationVersion: number;
    reviewer: { id: string; name: string };
    createdAt: string;
  }[];
  commentCount: number;
};

export interface CommentJson {
  id: string;
  annotationId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: string;
}

export interface RelationJson {
  id: string;
  fromId: string;
  toId: string;
  type: RelationTypeName;
  author: { id: string; name: string };
}

export type AnnotationChanges = Partial<Pick<AnnotationJson, 'kind' | 'start' | 'end' | 'exact' | 'note' | 'attributes' | 'unattributed'>>;

export type PatchResult = { ok: true; annotation: AnnotationJson } | { ok: false; message: string; fieldErrors: FieldErrors; conflict?: AnnotationJson };

export const toPaint = (a: AnnotationJson): PaintAnnotation => ({
  id: a.id,
  kind: a.kind,
  start: a.start,
  end: a.end,
  status: a.status,
  authorId: a.author.id,
  version: a.version,
  unattributed: a.unattributed,
});

/** Opens an annotation (or closes the panel with `null`); `open: false` marks it without opening the panel. */
export type SelectAnnotation = (id: string | null, options?: { open?: boolean; scroll?: boolean }) => void;
