/** A comment of an annotation's thread, as the API shows it. */
export interface CommentView {
  id: string;
  annotationId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
}
