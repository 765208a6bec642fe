import { errorResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';

/**
 * Any path under /api that no route serves, by any method: a JSON 404 in the API's error shape,
 * not the HTML page. More specific routes always win over this catch-all.
 */
const notFound = async () => errorResponse(fail('not_found', 'There is no such API endpoint; GET /api/openapi.json lists them all.').error);

export { notFound as GET, notFound as HEAD, notFound as OPTIONS, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
