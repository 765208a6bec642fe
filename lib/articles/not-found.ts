import { fail } from '@/lib/result.ts';

/** The one refusal for an article id that names no article (or none the caller may see); routes answer its `.error`. */
export const NO_SUCH_ARTICLE = fail('not_found', 'No such article.');
