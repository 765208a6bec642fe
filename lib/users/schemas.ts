import { z } from 'zod';
import { ROLES } from '@/lib/auth/policy.ts';
import { displayNameSchema, emailSchema, newPasswordSchema, typedPasswordSchema } from '@/lib/validation.ts';

export const roleSchema = z.enum(ROLES, { error: 'Choose a role: researcher, reviewer or admin.' });

/** Request bodies are strict: a field the route does not know (`id`, `disabledAt`, …) is refused, never ignored. */
export const createUserSchema = z
  .object({
    email: emailSchema,
    name: displayNameSchema,
    role: roleSchema,
    password: newPasswordSchema,
  })
  .strict();
export type CreateUserInput = z.output<typeof createUserSchema>;

/** One change at a time, so each gets its own audit event and its own rule. */
export const updateUserSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('setRole'), role: roleSchema }).strict(),
    z.object({ action: z.literal('setDisabled'), disabled: z.boolean({ error: 'Say whether the account is disabled.' }) }).strict(),
    z.object({ action: z.literal('resetPassword'), password: newPasswordSchema }).strict(),
  ],
  { error: 'Unknown change: use setRole, setDisabled or resetPassword.' },
);
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const changeOwnPasswordSchema = z
  .object({ currentPassword: typedPasswordSchema, newPassword: newPasswordSchema })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'Choose a password different from the current one.' });

export { entityIdSchema as userIdSchema } from '@/lib/ids.ts';
