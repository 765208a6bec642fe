import { z } from 'zod';
import { RELATION_TYPES } from '@/lib/annotations/model.ts';
import { entityIdSchema } from '@/lib/ids.ts';

/**
 * `POST /api/relations`: two annotations and how they are linked, from -> to (a claim
 * attributed_to a source, an event reported_by a source, a claim about an event). Strict: the
 * author comes from the session, never from the body.
 */
export const createRelationSchema = z
  .object({
    fromId: entityIdSchema,
    toId: entityIdSchema,
    type: z.enum(RELATION_TYPES, 'The relation type is attributed_to, reported_by or about.'),
  })
  .strict();
export type CreateRelationInput = z.output<typeof createRelationSchema>;
