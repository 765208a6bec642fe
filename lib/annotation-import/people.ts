import { db } from '@/lib/db.ts';
import { findUsersByEmail } from '@/lib/users/queries.ts';

/** Who unknown authors and reviewers become: `IMPORT_PLACEHOLDER_EMAIL`, or this. */
export const DEFAULT_PLACEHOLDER_EMAIL = 'imported@newsmark.invalid';

export const placeholderEmail = () => (process.env.IMPORT_PLACEHOLDER_EMAIL?.trim() || DEFAULT_PLACEHOLDER_EMAIL).toLowerCase();

/**
 * The account unknown authors of imported annotations are credited to. An existing account with
 * that email is used as it is (a team may point it at a real "legacy data" account); otherwise a
 * disabled account named "Imported" is created, which can never sign in (no password hash
 * verifies) but shows in the annotator and the review history as the author.
 */
export async function ensurePlaceholderUser(): Promise<string> {
  const email = placeholderEmail();
  const found = await findUsersByEmail(db(), [email]);
  const existing = found.get(email);
  if (existing) return existing;
  await db().$executeRaw`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "disabledAt", "updatedAt")
    VALUES (${`cimported${Date.now().toString(36)}`}, ${email}, 'Imported', 'RESEARCHER', '!no-password: placeholder of imported data', now(), now())
    ON CONFLICT DO NOTHING`;
  const created = (await findUsersByEmail(db(), [email])).get(email);
  if (!created) throw new Error(`The placeholder user ${email} could not be created.`);
  return created;
}
