import { entityIdSchema } from '@/lib/ids.ts';

/** What Next.js hands a route or page under an `[id]` segment. */
export type IdRouteContext = { params: Promise<{ id: string }> };

/**
 * The `[id]` segment as a database id, or null when it cannot be one: the caller answers 404, as
 * for an id that does not exist, so junk never reaches a query.
 */
export async function routeId(params: IdRouteContext['params']): Promise<string | null> {
  const id = entityIdSchema.safeParse((await params).id);
  return id.success ? id.data : null;
}
