import { db } from '@/lib/db.ts';
import type { RelationView } from './model.ts';

export const relationViewSelect = {
  id: true,
  fromId: true,
  toId: true,
  type: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

/** One relation as the API shows it, or null. */
export async function findRelationView(id: string): Promise<RelationView | null> {
  return db().relation.findUnique({ where: { id }, select: relationViewSelect });
}
