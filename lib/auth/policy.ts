/**
 * The one policy module: every permission decision of the server and the UI goes through `can`.
 * It is pure (no database) so it can be tested as a truth table.
 */
export const ROLES = ['RESEARCHER', 'REVIEWER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
  disabled: boolean;
}

/** Ownership, for actions on one object. */
export interface OwnedResource {
  authorId: string;
}

export const ACTIONS = [
  'read:corpus', // articles, annotations, comments
  'create:annotation', // annotations and relations
  'update:annotation:own',
  'delete:annotation:own',
  'delete:relation:own',
  'create:comment',
  'review:annotation', // approve or reject; never one's own
  'read:review-queue',
  'manage:articles', // import, edit metadata, archive
  'manage:users',
  'export',
  'manage:own-tokens',
  'manage:own-account',
] as const;
export type Action = (typeof ACTIONS)[number];

const RANK: Record<Role, number> = { RESEARCHER: 0, REVIEWER: 1, ADMIN: 2 };

/** Minimum role per action (roles are hierarchical: ADMIN includes REVIEWER includes RESEARCHER). */
const MIN_ROLE: Record<Action, Role> = {
  'read:corpus': 'RESEARCHER',
  'create:annotation': 'RESEARCHER',
  'update:annotation:own': 'RESEARCHER',
  'delete:annotation:own': 'RESEARCHER',
  'delete:relation:own': 'RESEARCHER',
  'create:comment': 'RESEARCHER',
  'review:annotation': 'REVIEWER',
  'read:review-queue': 'REVIEWER',
  'manage:articles': 'ADMIN',
  'manage:users': 'ADMIN',
  export: 'RESEARCHER',
  'manage:own-tokens': 'RESEARCHER',
  'manage:own-account': 'RESEARCHER',
};

/** Actions whose resource must belong to the actor, and those that must NOT. */
const MUST_OWN = new Set<Action>(['update:annotation:own', 'delete:annotation:own', 'delete:relation:own']);
const MUST_NOT_OWN = new Set<Action>(['review:annotation']);

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

export function can(actor: Actor | null | undefined, action: Action, resource?: OwnedResource): boolean {
  if (!actor || actor.disabled) return false;
  if (!hasRole(actor.role, MIN_ROLE[action])) return false;
  if (MUST_OWN.has(action)) return resource !== undefined && resource.authorId === actor.id;
  // Judging needs the object judged: without it a caller could skip the not-your-own rule.
  if (MUST_NOT_OWN.has(action)) return resource !== undefined && resource.authorId !== actor.id;
  return true;
}
