import { z } from 'zod';

import { entityIdSchema } from '@/lib/ids.ts';

export const importJobIdSchema = entityIdSchema;
export const importQuerySchema = z.object({ jobId: importJobIdSchema.optional() });
export const importJobQuerySchema = z.object({
  results: z
    .enum(['true', 'false'], { error: 'results is true or false.' })
    .default('true')
    .transform((v) => v === 'true'),
});
