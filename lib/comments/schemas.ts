import { z } from 'zod';
import { DISALLOWED_TEXT_CHARS } from '@/lib/annotations/schemas.ts';

export const COMMENT_MAX = 5_000;

/**
 * `POST /api/annotations/:id/comments`: the comment's text, trimmed, with `\n` line breaks.
 * Strict: the author and the annotation come from the session and the URL, never the body.
 */
export const createCommentSchema = z
  .object({
    body: z
      .string('The comment is text.')
      .transform((s) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim())
      .pipe(
        z
          .string()
          .min(1, 'Write something before posting.')
          .max(COMMENT_MAX, `A comment has at most ${COMMENT_MAX.toLocaleString('en')} characters.`)
          .refine((s) => !DISALLOWED_TEXT_CHARS.test(s), 'The comment contains characters that are not allowed.'),
      ),
  })
  .strict();
export type CreateCommentInput = z.output<typeof createCommentSchema>;
