import { z } from 'zod';
import { emailSchema, typedPasswordSchema } from '@/lib/validation.ts';

export const loginSchema = z.object({ email: emailSchema, password: typedPasswordSchema });
