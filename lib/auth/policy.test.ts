import { describe, expect, it } from 'vitest';
import { ACTIONS, can, ROLES, type Action, type Actor, type Role } from './policy.ts';

// The table of docs/architecture.md "Roles and permissions", written out cell by cell: R = researcher, V = reviewer, A = admin.
// For ownership-dependent actions the columns are (own resource, someone else's resource).
const TABLE: Record<Action, Record<Role, boolean | { own: boolean; others: boolean }>> = {
  'read:corpus': { RESEARCHER: true, REVIEWER: true, ADMIN: true },
  'create:annotation': { RESEARCHER: true, REVIEWER: true, ADMIN: true },
  'update:annotation:own': { RESEARCHER: { own: true, others: false }, REVIEWER: { own: true, others: false }, ADMIN: { own: true, others: false } },
  'delete:annotation:own': { RESEARCHER: { own: true, others: false }, REVIEWER: { own: true, others: false }, ADMIN: { own: true, others: false } },
  'delete:relation:own': { RESEARCHER: { own: true, others: false }, REVIEWER: { own: true, others: false }, ADMIN: { own: true, others: false } },
  'create:comment': { RESEARCHER: true, REVIEWER: true, ADMIN: true },
  'review:annotation': { RESEARCHER: { own: false, others: false }, REVIEWER: { own: false, others: true }, ADMIN: { own: false, others: true } },
  'read:review-queue': { RESEARCHER: false, REVIEWER: true, ADMIN: true },
  'manage:articles': { RESEARCHER: false, REVIEWER: false, ADMIN: true },
  'manage:users': { RESEARCHER: false, REVIEWER: false, ADMIN: true },
  export: { RESEARCHER: true, REVIEWER: true, ADMIN: true },
  'manage:own-tokens': { RESEARCHER: true, REVIEWER: true, ADMIN: true },
  'manage:own-account': { RESEARCHER: true, REVIEWER: true, ADMIN: true },
};

const actor = (role: Role, disabled = false): Actor => ({ id: `u-${role}`, role, disabled });

describe('can(): the role table of docs/architecture.md', () => {
  it('covers every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const expected = TABLE[action][role];
      if (typeof expected === 'boolean') {
        it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
          expect(can(actor(role), action)).toBe(expected);
          expect(can(actor(role), action, { authorId: `u-${role}` })).toBe(expected);
          expect(can(actor(role), action, { authorId: 'someone-else' })).toBe(expected);
        });
      } else {
        it(`${role} on ${action}: own ${expected.own}, others' ${expected.others}`, () => {
          expect(can(actor(role), action, { authorId: `u-${role}` })).toBe(expected.own);
          expect(can(actor(role), action, { authorId: 'someone-else' })).toBe(expected.others);
        });
      }
    }
  }

  it('refuses everything to a disabled user and to nobody', () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) expect(can(actor(role, true), action, { authorId: `u-${role}` })).toBe(false);
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it('refuses an ownership or review action when no resource is named', () => {
    expect(can(actor('ADMIN'), 'update:annotation:own')).toBe(false);
    expect(can(actor('ADMIN'), 'delete:annotation:own')).toBe(false);
    expect(can(actor('ADMIN'), 'delete:relation:own')).toBe(false);
    expect(can(actor('ADMIN'), 'review:annotation')).toBe(false);
    expect(can(actor('REVIEWER'), 'review:annotation')).toBe(false);
  });
});
