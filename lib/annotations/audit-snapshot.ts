import type { AnnotationView } from './model.ts';

/** The fields of an annotation the audit trail keeps: everything an edit can change. */
export type AuditedAnnotation = Pick<AnnotationView, 'kind' | 'start' | 'end' | 'exact' | 'note' | 'attributes' | 'unattributed' | 'status' | 'version'>;

/** What the audit trail keeps of an annotation, written by editing and by import alike. */
export const auditSnapshot = (a: AuditedAnnotation): AuditedAnnotation => ({
  kind: a.kind,
  start: a.start,
  end: a.end,
  exact: a.exact,
  note: a.note,
  attributes: a.attributes,
  unattributed: a.unattributed,
  status: a.status,
  version: a.version,
});
