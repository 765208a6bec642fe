import { z } from 'zod';
import { optionalField, utcDayRange, utcDaySchema } from '@/lib/validation.ts';

/**
 * The progress page's tables and its one filter, a range of whole UTC days (docs/user-guide.md "Progress",
 * issue 5 point 6). Pure, for the page, the CSV routes and the tests.
 */
export const PROGRESS_TABLES = ['articles', 'annotators', 'reviewers'] as const;
export type ProgressTable = (typeof PROGRESS_TABLES)[number];

export const isProgressTable = (value: string): value is ProgressTable => (PROGRESS_TABLES as readonly string[]).includes(value);

/**
 * `?from=&to=`: whole UTC days, both inclusive. The annotation tables filter on when annotations
 * were created, the reviewer table on when decisions were made.
 */
export const progressQuerySchema = z
  .object({
    from: optionalField(utcDaySchema),
    to: optionalField(utcDaySchema),
  })
  .transform((input, ctx) => utcDayRange(input, ctx) ?? z.NEVER);
export type ProgressQuery = z.output<typeof progressQuerySchema>;

/** `?format=csv|json` (a `.csv` ending on the table's name says csv too). */
export const progressFormatSchema = z.object({ format: optionalField(z.enum(['csv', 'json'], 'The format is csv or json.')).transform((f) => f ?? 'json') });
