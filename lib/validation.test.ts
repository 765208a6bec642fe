import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createUserSchema } from './users/schemas.ts';
import { loginSchema } from './auth/login-schema.ts';
import { NUL_MESSAGE, parseInput } from './validation.ts';

describe('login fields', () => {
  const errorsFor = (input: unknown) => {
    const result = parseInput(loginSchema, input);
    return result.ok ? {} : result.error.fieldErrors;
  };

  it('accepts an ordinary login and lower-cases the e-mail', () => {
    const result = parseInput(loginSchema, { email: '  Ada@Example.ORG ', password: 'correct horse' });
    expect(result).toEqual({ ok: true, value: { email: 'ada@example.org', password: 'correct horse' } });
  });

  it('refuses empty fields with a message per field', () => {
    expect(errorsFor({ email: '', password: '' })).toEqual({ email: ['Enter an e-mail address.'], password: ['Enter your password.'] });
    expect(errorsFor({})).toMatchObject({ email: expect.any(Array), password: expect.any(Array) });
  });

  it('refuses oversized fields', () => {
    expect(errorsFor({ email: `${'a'.repeat(250)}@example.org`, password: 'x' })).toHaveProperty('email');
    expect(errorsFor({ email: 'a@example.org', password: 'x'.repeat(257) })).toHaveProperty('password');
  });

  it.each([
    ['a NUL byte', 'ada\u0000@example.org'],
    ['a right-to-left override', 'ada\u202e@example.org'],
    ['a zero-width space', 'a\u200bda@example.org'],
    ['a lone surrogate', 'ada\ud800@example.org'],
    ['a BOM inside', 'ada\ufeff@example.org'],
  ])('refuses an e-mail with %s', (_what, email) => {
    expect(errorsFor({ email, password: 'secret-password' })).toHaveProperty('email');
  });

  it('refuses a password with control characters or a lone surrogate, but welcomes Unicode', () => {
    expect(errorsFor({ email: 'a@example.org', password: 'pass\u0007word' })).toHaveProperty('password');
    expect(errorsFor({ email: 'a@example.org', password: 'pass\udfffword' })).toHaveProperty('password');
    expect(errorsFor({ email: 'a@example.org', password: 'pässwörd 密码 🔑' })).toEqual({});
  });

  it('normalizes a password to NFC so the same word typed differently matches', () => {
    const decomposed = parseInput(loginSchema, { email: 'a@example.org', password: 'cafe\u0301 au lait' });
    expect(decomposed.ok && decomposed.value.password).toBe('caf\u00e9 au lait');
  });
});

describe('user creation fields', () => {
  const valid = { email: 'new@example.org', name: 'New Person', role: 'RESEARCHER', password: 'long enough pw' };

  it('accepts a valid user', () => {
    expect(parseInput(createUserSchema, valid).ok).toBe(true);
  });

  it.each([
    ['an invalid e-mail', { email: 'not-an-email' }, 'email'],
    ['a password shorter than 10 characters', { password: 'short123' }, 'password'],
    ['an unknown role', { role: 'SUPERUSER' }, 'role'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name with a bidi override', { name: 'Eve\u202eLIVE' }, 'name'],
  ])('refuses %s', (_what, change, field) => {
    const result = parseInput(createUserSchema, { ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {})).toEqual([field]);
  });
});

describe('NUL anywhere in the input', () => {
  // PostgreSQL text and jsonb cannot hold U+0000: one that slipped through was a 500 at the database.
  const loose = z.object({ q: z.string().optional(), nested: z.unknown().optional() });
  const errorsOf = (input: unknown) => {
    const result = parseInput(loose, input);
    return result.ok ? null : result.error.fieldErrors;
  };

  it('is refused in any string or key, at any depth, under the path of the field', () => {
    expect(errorsOf({ q: '\u0000' })).toEqual({ q: [NUL_MESSAGE] });
    expect(errorsOf({ nested: { list: ['fine', 'a\u0000b'] } })).toEqual({ 'nested.list.1': [NUL_MESSAGE] });
    expect(errorsOf({ nested: { 'k\u0000': 1 } })).toEqual({ nested: [NUL_MESSAGE] });
    expect(errorsOf({ q: 'fine', nested: [1, null, true, { a: 'b' }] })).toBeNull();
  });

  it('lets a field that checks characters itself say so, and ignores what the schema drops', () => {
    expect(errorsOf({ q: 1 })).toEqual({ q: [expect.any(String)] });
    expect(parseInput(createUserSchema, { email: 'a@example.org', name: 'A\u0000', role: 'ADMIN', password: 'long enough pw' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { name: ['The name contains characters that are not allowed.'] } },
    });
    expect(parseInput(z.object({ q: z.string() }), { q: 'fine', utm: '\u0000' }).ok).toBe(true);
  });

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}"x\\u0000"${'}'.repeat(100_000)}`) as unknown;
    const errors = errorsOf({ nested: deep });
    expect(Object.keys(errors ?? {})).toHaveLength(1);
    expect(Object.keys(errors ?? {})[0]).toMatch(/^nested(\.a){100000}$/);
    expect(errorsOf({ nested: JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) })).toBeNull();
  });
});
