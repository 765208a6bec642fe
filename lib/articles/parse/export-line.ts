/**
 * Whether a parsed JSON value is an export line rather than a plain article: it has an "article"
 * object (plain articles never do). Article parsing refuses such a line with a pointer to the
 * annotated import (lib/annotation-import reads it). The /import page tells the two apart by the same rule
 * (components/import/upload.ts), so a file goes where it is read.
 */
export const isExportLine = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { article?: unknown }).article === 'object' &&
  (value as { article?: unknown }).article !== null;
