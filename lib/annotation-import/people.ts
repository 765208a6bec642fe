import { env } from '@/lib/env.ts';
import { db } from '@/lib/db.ts';
import { findUsersByEmail } from '@/lib/users/queries.ts';

export { DEFAULT_PLACEHOLDER_EMAIL } from '@/lib/env.ts';

/** Who unknown authors and reviewers become: `IMPORT_PLACEHOLDER_EMAIL`, or DEFAULT_PLACEHOLDER_EMAIL. */
export const placeholderEmail = () => env().IMPORT_PLACEHOLDER_EMAIL;

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
