import type { ImportDocument, ReadDocument } from './model.ts';

/** The document a reader gave, or the test fails with the reader's reason. */
export function document(read: ReadDocument): ImportDocument {
  if (!read.ok) throw new Error(`expected a document, got: ${read.error}`);
  return read.document;
}

/** The reason a reader refused, or the test fails. */
export function error(read: ReadDocument): string {
  if (read.ok) throw new Error('expected a refusal, got a document');
  return read.error;
}
