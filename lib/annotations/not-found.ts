import { fail } from '@/lib/result.ts';

/** The one answer for an annotation that does not exist, or that the caller may not see (docs/architecture.md "Roles and permissions": 404, never 403). */
export const NO_ANNOTATION = fail('not_found', 'No such annotation.');
