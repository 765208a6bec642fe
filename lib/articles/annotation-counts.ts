/** An article's annotations by kind and by review status: the article list's and the progress table's counts. */
export interface AnnotationCounts {
  claims: number;
  events: number;
  sources: number;
  pending: number;
  approved: number;
  rejected: number;
}
