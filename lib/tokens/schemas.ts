import { z } from 'zod';
import { nameSchema } from '@/lib/validation.ts';

export const TOKEN_NAME_MAX = 100;

/** Strict: the owner comes from the session, never from the body. */
export const createTokenSchema = z
  .object({
    name: nameSchema({
      empty: 'Name the token, e.g. after the script that will use it.',
      max: TOKEN_NAME_MAX,
      tooLong: `At most ${TOKEN_NAME_MAX} characters.`,
    }),
  })
  .strict();
export type CreateTokenInput = z.output<typeof createTokenSchema>;

export { entityIdSchema as tokenIdSchema } from '@/lib/ids.ts';
