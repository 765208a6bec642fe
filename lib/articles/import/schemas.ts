import { z } from 'zod';

export const importJobIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, 'Not an import job id.');
export const importQuerySchema = z.object({ jobId: importJobIdSchema.optional() });
export const importJobQuerySchema = z.object({
  results: z.enum(['true', 'false'], { error: 'results is true or false.' }).default('true').transform((v) => v === 'true'),
});
