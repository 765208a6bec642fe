import { env } from '@/lib/env.ts';

export { DEFAULT_PLACEHOLDER_EMAIL } from '@/lib/env.ts';

/** Who unknown authors and reviewers become: `IMPORT_PLACEHOLDER_EMAIL`, or DEFAULT_PLACEHOLDER_EMAIL. */
export const placeholderEmail = () => env().IMPORT_PLACEHOLDER_EMAIL;
