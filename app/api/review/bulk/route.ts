import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { bulkReviewSchema } from '@/lib/review/schemas';
import { bulkApprove } from '@/lib/review/mutations';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * Approve several annotations: `{ decision: "approve", items: [{ id, version }] }` -> 200
 * `{ results: [...] }`, one result per item in order; each item succeeds or fails on its own.
 */
export const POST = apiHandler(async (request: Request) => {
  // The role gate; never-one's-own needs each annotation's author, so the service decides it per item.
  const auth = await authorizeApi('read:review-queue');
  if (!auth.ok) return errorResponse(auth.error);
  const input = await readJsonBody(request, bulkReviewSchema);
  if (!input.ok) return errorResponse(input.error);
  return jsonResponse(await bulkApprove(auth.value, input.value.items));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
