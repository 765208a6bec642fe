import { z } from 'zod';
import { emailSchema, typedPasswordSchema } from '../validation.ts';

export const loginSchema = z.object({ email: emailSchema, password: typedPasswordSchema });
export type LoginInput = z.output<typeof loginSchema>;

/** The one message for every failed login: it never says whether the account exists. */
export const LOGIN_FAILED_MESSAGE = 'The e-mail address or password is incorrect.';
