import type { RelationTypeName } from '@/lib/annotations/model.ts';

/** A relation as the API shows it: `POST /api/relations` answers with one. */
export interface RelationView {
  id: string;
  fromId: string;
  toId: string;
  type: RelationTypeName;
  author: { id: string; name: string };
  createdAt: Date;
}

/** Why a pair of kinds does not fit a relation type (RELATION_PAIRS), in the researcher's words. */
export const RELATION_PAIR_MESSAGES: Record<RelationTypeName, string> = {
  attributed_to: 'A claim can only be attributed to a source.',
  reported_by: 'An event can only be reported by a source.',
  about: 'A claim can only be about an event.',
};
