import { z } from 'zod';
import { ANNOTATION_KINDS, type AnnotationKindName } from './model.ts';

/**
 * The annotation body of the HTTP API (docs/api.md "The annotation"): kind in lower case, offsets, an optional
 * exact quote, a note and attributes validated per kind. Objects are strict: a body that tries
 * to set author, status or version is refused, never half-applied.
 */
export const NOTE_MAX = 10_000;
const SHORT_TEXT_MAX = 200;

/**
 * Characters no free text may hold: NUL (PostgreSQL text and jsonb cannot store it), other C0 and
 * C1 control characters (invisible, and \v, \f, U+001C-U+001E and U+0085 end a line for tools that
 * split lines as Python does, brat among them) and lone surrogates. Tabs and line breaks are
 * welcome.
 */
export const DISALLOWED_TEXT_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cs}/u;
const allowedText = (s: string) => !DISALLOWED_TEXT_CHARS.test(s);

/** The refusal of free text, naming the first character refused, so the writer can find it. */
const disallowedTextError =
  (label: string) =>
  ({ input }: { input?: unknown }) => {
    const c = typeof input === 'string' ? DISALLOWED_TEXT_CHARS.exec(input)?.[0].charCodeAt(0) : undefined;
    if (c === undefined) return `${label} contains characters that are not allowed.`;
    const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = c >= 0xd800 && c <= 0xdfff ? 'half of a character (a lone surrogate)' : 'a control character';
    return `${label} contains characters that are not allowed: ${code}, ${what}.`;
  };

const shortText = (label: string) =>
  z
    .string(`${label} is text.`)
    .trim()
    .min(1, `${label} cannot be empty.`)
    .max(SHORT_TEXT_MAX, `${label} has at most ${SHORT_TEXT_MAX} characters.`)
    .refine(allowedText, { error: disallowedTextError(label) });

/** A full or partial ISO 8601 date: 2024, 2024-05, 2024-05-31, or a date and time. */
const partialIsoDate = z
  .string('The date is text.')
  .trim()
  .refine(
    (s) =>
      /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(s) || (z.iso.datetime({ offset: true }).safeParse(s).success && !Number.isNaN(Date.parse(s))),
    'Enter a date like 2024, 2024-05, 2024-05-31 or 2024-05-31T14:30:00Z.',
  )
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'That day does not exist.');

export const claimAttributesSchema = z
  .object({
    type: z.enum(['factual', 'opinion', 'prediction', 'other'], 'The claim type is factual, opinion, prediction or other.').optional(),
    checkworthy: z.boolean('Checkworthy is yes (true) or no (false).').optional(),
  })
  .strict();

export const eventAttributesSchema = z
  .object({
    date: partialIsoDate.optional(),
    place: shortText('The place').optional(),
    participants: z.array(shortText('A participant'), 'Participants are a list of names.').max(50, 'At most 50 participants.').optional(),
  })
  .strict();

export const sourceAttributesSchema = z
  .object({
    type: z
      .enum(
        ['named_person', 'organization', 'anonymous', 'document', 'media_outlet'],
        'The source type is named_person, organization, anonymous, document or media_outlet.',
      )
      .optional(),
    canonicalName: shortText('The canonical name').optional(),
  })
  .strict();

/** The refusal of an unknown kind. */
export const KIND_REFUSAL = 'The kind is claim, event or source.';

export const ATTRIBUTE_SCHEMAS = { claim: claimAttributesSchema, event: eventAttributesSchema, source: sourceAttributesSchema } as const;

const offset = (label: string) => z.number(`${label} is a number.`).int(`${label} is a whole number.`).min(0, `${label} cannot be negative.`);
// JavaScript length counts UTF-16 units, never fewer than the code points the database checks.
const note = z
  .string('The note is text.')
  .max(NOTE_MAX, `A note has at most ${NOTE_MAX.toLocaleString('en')} characters.`)
  .refine(allowedText, { error: disallowedTextError('The note') });

const createFor = <K extends AnnotationKindName>(kind: K) =>
  z
    .object({
      kind: z.literal(kind),
      start: offset('The start'),
      end: offset('The end'),
      exact: z.string('The exact quote is text.').max(1_000_000).optional(),
      note: note.optional(),
      attributes: ATTRIBUTE_SCHEMAS[kind].optional(),
    })
    .strict();

export const createAnnotationSchema = z.discriminatedUnion('kind', [createFor('claim'), createFor('event'), createFor('source')], {
  error: KIND_REFUSAL,
});
export type CreateAnnotationInput = z.output<typeof createAnnotationSchema>;

/** PATCH body: the version the client edited, and only the fields it changes. */
export const updateAnnotationSchema = z
  .object({
    version: z.number('The version is a number.').int('The version is a whole number.').min(1, 'The version starts at 1.'),
    kind: z.enum(ANNOTATION_KINDS, KIND_REFUSAL).optional(),
    start: offset('The start').optional(),
    end: offset('The end').optional(),
    exact: z.string('The exact quote is text.').max(1_000_000).optional(),
    note: note.optional(),
    attributes: z.record(z.string(), z.unknown(), 'Attributes are an object.').optional(),
    /** A claim deliberately left without a source; claims only. */
    unattributed: z.boolean('Unattributed is true or false.').optional(),
  })
  .strict()
  .refine((v) => (v.start === undefined) === (v.end === undefined), { path: ['end'], message: 'Send start and end together.' });
export type UpdateAnnotationInput = z.output<typeof updateAnnotationSchema>;
