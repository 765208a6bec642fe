import { describe, expect, it } from 'vitest';
import { removesLastActiveAdmin } from './admin-rule.ts';

const admin = { id: 'a1', role: 'ADMIN' as const, disabled: false };

describe('the last active admin', () => {
  it('cannot be demoted or disabled', () => {
    expect(removesLastActiveAdmin(['a1'], admin, { role: 'REVIEWER', disabled: false })).toBe(true);
    expect(removesLastActiveAdmin(['a1'], admin, { role: 'ADMIN', disabled: true })).toBe(true);
  });

  it('can be when another active admin remains', () => {
    expect(removesLastActiveAdmin(['a1', 'a2'], admin, { role: 'RESEARCHER', disabled: false })).toBe(false);
  });

  it('does not block changes that keep the admin active, or changes to non-admins', () => {
    expect(removesLastActiveAdmin(['a1'], admin, { role: 'ADMIN', disabled: false })).toBe(false);
    expect(removesLastActiveAdmin(['a1'], { id: 'r1', role: 'RESEARCHER', disabled: false }, { role: 'RESEARCHER', disabled: true })).toBe(false);
    expect(removesLastActiveAdmin(['a1'], { id: 'a9', role: 'ADMIN', disabled: true }, { role: 'REVIEWER', disabled: true })).toBe(false);
  });
});
