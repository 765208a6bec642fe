/** Who unknown authors and reviewers become: `IMPORT_PLACEHOLDER_EMAIL`, or this. */
export const DEFAULT_PLACEHOLDER_EMAIL = 'imported@newsmark.invalid';

export const placeholderEmail = () => (process.env.IMPORT_PLACEHOLDER_EMAIL?.trim() || DEFAULT_PLACEHOLDER_EMAIL).toLowerCase();
