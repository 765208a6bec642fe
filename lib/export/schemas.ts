import { z } from 'zod';
import { entityIdSchema } from '@/lib/ids.ts';
import { optionalField } from '@/lib/validation.ts';
import { EXPORT_FORMATS } from './response.ts';

export const EXPORT_SCOPES = ['approved', 'all'] as const;

/** The /articles filters that select what is exported (sort, cursor, limit and archived do not apply). */
export const EXPORT_FILTER_KEYS = ['q', 'source', 'from', 'to', 'annotated', 'review'] as const;

/** `GET /api/export`'s own fields; the filters above are parsed by the article list's schema. */
export const exportQuerySchema = z.object({
  format: optionalField(z.enum(EXPORT_FORMATS, `Choose one of ${EXPORT_FORMATS.join(', ')}.`)).transform((f) => f ?? 'jsonl'),
  status: optionalField(z.enum(EXPORT_SCOPES, 'Choose approved or all.')).transform((s) => s ?? 'approved'),
  articleId: optionalField(entityIdSchema),
  bom: optionalField(z.enum(['0', '1'], 'Use bom=1 or leave it out.')).transform((b) => b === '1'),
});
