import { describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
// eslint-disable-next-line no-restricted-imports -- a test seeds its users directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { PATCH } from './route.ts';

vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

let n = 0;
async function makeUser(role: 'RESEARCHER' | 'ADMIN') {
  const user = await db().user.create({ data: { email: `patch${++n}-${Date.now()}@int.example`, name: `Patch ${n}`, role, passwordHash: 'x' } });
  return { id: user.id, role, disabled: false } as const;
}

const patch = (id: string, body: string) =>
  PATCH(new Request(`http://app.example/api/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body }), {
    params: Promise.resolve({ id }),
  });

describe('PATCH /api/admin/users/:id', () => {
  it('refuses a change carrying fields it does not know (400), changing nothing', async () => {
    const admin = await makeUser('ADMIN');
    const target = await makeUser('RESEARCHER');
    session.user = admin;
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const before = await db().user.findUniqueOrThrow({ where: { id: target.id } });
    for (const extra of ['"status":"APPROVED"', `"authorId":"${admin.id}"`, `"id":"${admin.id}"`, '"email":"taken@over.example"', `"deep":${deep}`]) {
      const response = await patch(target.id, `{"action":"setRole","role":"REVIEWER",${extra}}`);
      expect(response.status, extra.slice(0, 40)).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation');
    }
    expect(await db().user.findUniqueOrThrow({ where: { id: target.id } })).toEqual(before);
    expect((await patch(target.id, '{"action":"setRole","role":"REVIEWER"}')).status).toBe(200);
  });

  it('answers 400, not a crash, for a body nested 100,000 deep', async () => {
    session.user = await makeUser('ADMIN');
    const target = await makeUser('RESEARCHER');
    const response = await patch(target.id, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(response.status).toBe(400);
  });
});
