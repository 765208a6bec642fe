import { z } from 'zod';

/** The shape of every id the database hands out (cuid): checked before a lookup, so junk never reaches a query. */
export const entityIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, 'Not a valid id.');
