import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeSession as session } from '@/scripts/test/fake-session.ts';
// eslint-disable-next-line no-restricted-imports -- a test seeds its user and article directly, as e2e/support/fixtures.ts does
import { db } from '@/lib/db';
import { PATCH as patchAnnotation } from '@/app/api/annotations/[id]/route.ts';
import { POST as createAnnotation } from './route.ts';

// The session is the one thing faked (see scripts/test/fake-session.ts); the policy and the database are real.
vi.mock('@/lib/auth/session', () => import('@/scripts/test/fake-session.ts'));

/**
 * Issue 12, point 5: C1 control characters (U+0080-U+009F) are refused in notes as C0 ones are,
 * with a message that names the character, and the refused request changes nothing.
 */
const TEXT = 'The harbour wall gave way on Tuesday, the port authority said.';
let articleId: string;

const json = (method: string, body: unknown) =>
  new Request('http://app.example/api/x', { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  articleId = (await db().article.create({ data: { title: 'Harbour wall', text: TEXT, contentHash: 'note-characters' } })).id;
  const user = await db().user.create({ data: { email: 'notes@routes.example', name: 'Notes', role: 'RESEARCHER', passwordHash: 'x' } });
  session.user = { id: user.id, role: 'RESEARCHER', disabled: false };
});

describe('notes with C1 control characters', () => {
  const quote = 'The harbour wall gave way';

  it.each(['U+0080', 'U+0085', 'U+009F'])('refuses %s in a new note with 400 and creates nothing', async (code) => {
    const c = String.fromCharCode(parseInt(code.slice(2), 16));
    const before = await db().annotation.count({ where: { articleId } });
    const response = await createAnnotation(json('POST', { kind: 'claim', start: 0, end: quote.length, note: `Check${c}this` }), params(articleId));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'validation',
        message: 'Some fields are not valid.',
        details: { fieldErrors: { note: [`The note contains characters that are not allowed: ${code}, a control character.`] } },
      },
    });
    expect(await db().annotation.count({ where: { articleId } })).toBe(before);
  });

  it('refuses one in an edited note with 400 and leaves the annotation as it was; U+2028 is a line separator and welcome', async () => {
    const created = await createAnnotation(json('POST', { kind: 'claim', start: 0, end: quote.length, note: 'First\u2028line' }), params(articleId));
    expect(created.status).toBe(201);
    const annotation = (await created.json()) as { id: string; version: number };
    const response = await patchAnnotation(json('PATCH', { version: annotation.version, note: 'Edited\u0085note' }), params(annotation.id));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { details: { fieldErrors: Record<string, string[]> } } }).error.details.fieldErrors).toEqual({
      note: ['The note contains characters that are not allowed: U+0085, a control character.'],
    });
    expect(await db().annotation.findUniqueOrThrow({ where: { id: annotation.id }, select: { note: true, version: true } })).toEqual({
      note: 'First\u2028line',
      version: annotation.version,
    });
  });
});
