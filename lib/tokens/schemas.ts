import { z } from 'zod';

export const TOKEN_NAME_MAX = 100;

export const createTokenSchema = z.object({
  name: z
    .string({ error: 'Name the token, e.g. after the script that will use it.' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'Name the token, e.g. after the script that will use it.')
        .max(TOKEN_NAME_MAX, `At most ${TOKEN_NAME_MAX} characters.`),
    ),
});
export type CreateTokenInput = z.output<typeof createTokenSchema>;

export { entityIdSchema as tokenIdSchema } from '../ids.ts';
