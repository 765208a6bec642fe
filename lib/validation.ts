import { z } from 'zod';
import { fail, ok, type FieldErrors, type Result } from './result.ts';

export const NUL_MESSAGE = 'This contains a NUL character (U+0000), which is not allowed.';

/**
 * Where the first NUL is in a string or a key anywhere in a value, as a field path (a key's own
 * NUL at the object that holds it), or null. Iterative, with parent links instead of copied
 * paths, so a body nested 100,000 deep is walked in linear time without overflowing the stack.
 */
function findNul(input: unknown): PropertyKey[] | null {
  type Node = { value: unknown; key: PropertyKey | null; parent: Node | null };
  const pathOf = (node: Node) => {
    const path: PropertyKey[] = [];
    for (let at: Node | null = node; at && at.key !== null; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes('\0')) return pathOf(node);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.some((key) => key.includes('\0'))) return pathOf(node);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: node });
    }
  }
  return null;
}

/**
 * Parse untrusted input with a zod schema into a Result whose errors are keyed by field. What the
 * schema lets through is refused still if it holds a NUL anywhere, whatever the schema says:
 * PostgreSQL text and jsonb cannot hold U+0000, so one that reached a query was a 500, and no
 * field here has a use for it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const nul = findNul(parsed.data);
    return nul ? fail('validation', 'Some fields are not valid.', { [nul.length ? nul.join('.') : '_form']: [NUL_MESSAGE] }) : ok(parsed.data);
  }
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fail('validation', 'Some fields are not valid.', fieldErrors);
}

// Control characters (C0/C1), bidi overrides and isolates, zero-width characters and noncharacters:
// never legitimate in a name or an e-mail address, and a classic vector for spoofing.
const ODD_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]/u;
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

const isWellFormed = (s: string) => !/\p{Cs}/u.test(s);

export const emailSchema = z
  .string({ error: 'Enter an e-mail address.' })
  .trim()
  .min(1, 'Enter an e-mail address.')
  .max(254, 'An e-mail address has at most 254 characters.')
  .refine((s) => !ODD_CHARS.test(s) && isWellFormed(s), 'The e-mail address contains characters that are not allowed.')
  .pipe(z.email('Enter a valid e-mail address.'))
  .transform((s) => s.toLowerCase());

/** A one-line name someone gives (a person's, an API token's): NFC, trimmed, no odd characters. */
export const nameSchema = ({ empty, max, tooLong }: { empty: string; max: number; tooLong: string }) =>
  z
    .string({ error: empty })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, empty)
        .max(max, tooLong)
        .refine((s) => !ODD_CHARS.test(s) && isWellFormed(s), 'The name contains characters that are not allowed.'),
    );

export const displayNameSchema = nameSchema({ empty: 'Enter a name.', max: 100, tooLong: 'A name has at most 100 characters.' });

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** A new password. Unicode is welcome (NFC so the same password typed on another keyboard matches). */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .transform((s) => s.normalize('NFC'))
  .pipe(
    z
      .string()
      .min(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters.`)
      .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`)
      .refine((s) => !CONTROL_CHARS.test(s) && isWellFormed(s), 'The password contains characters that are not allowed.'),
  );

/** A password typed to log in: checked for shape only, never for strength. */
export const typedPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`)
  .refine((s) => !CONTROL_CHARS.test(s) && isWellFormed(s), 'The password contains characters that are not allowed.')
  .transform((s) => s.normalize('NFC'));

/** A calendar day, YYYY-MM-DD, as the start of that day in UTC (date filters take whole days). */
export const utcDaySchema = z
  .string('Use a date like 2024-05-31.')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2024-05-31.')
  .transform((s, ctx) => {
    const start = new Date(`${s}T00:00:00.000Z`);
    if (Number.isNaN(start.getTime()) || !start.toISOString().startsWith(s)) {
      ctx.addIssue({ code: 'custom', message: 'This is not a date in the calendar.' });
      return z.NEVER;
    }
    return start;
  });

/**
 * A from–to filter of whole UTC days as [from, toExclusive): up to the end of the `to` day. In a
 * schema's transform; when `to` comes before `from` it adds the issue and returns null (the
 * transform then returns z.NEVER).
 */
export function utcDayRange(input: { from?: Date; to?: Date }, ctx: z.RefinementCtx): { from?: Date; toExclusive?: Date } | null {
  if (input.from && input.to && input.from > input.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date.' });
    return null;
  }
  return { from: input.from, toExclusive: input.to ? new Date(input.to.getTime() + 86_400_000) : undefined };
}

/** An optional query field: a GET form sends empty fields as "", which mean "no filter". */
export const optionalField = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());
