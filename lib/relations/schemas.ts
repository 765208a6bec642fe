import { z } from 'zod';
import { RELATION_TYPES, type RelationTypeName } from '@/lib/annotations/paint.ts';
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

type RelationTypeDb = 'ATTRIBUTED_TO' | 'REPORTED_BY' | 'ABOUT';

/** The database's name of a relation type, and back. */
export const relationTypeToDb = (type: RelationTypeName) => type.toUpperCase() as RelationTypeDb;
export const relationTypeFromDb = (type: RelationTypeDb) => type.toLowerCase() as RelationTypeName;

/** Why a pair of kinds does not fit a relation type (RELATION_PAIRS), in the researcher's words. */
export const RELATION_PAIR_MESSAGES: Record<RelationTypeName, string> = {
  attributed_to: 'A claim can only be attributed to a source.',
  reported_by: 'An event can only be reported by a source.',
  about: 'A claim can only be about an event.',
};
