import { NextResponse } from 'next/server';

/**
 * Wraps a route handler so a bug answers the API's error shape with no stack trace;
 * the details go to the server log only.
 */
export function apiHandler<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      const id = crypto.randomUUID();
      console.error(`[api] unexpected error ${id}`, error);
      return NextResponse.json({ error: { code: 'internal', message: `Something went wrong on our side (reference ${id}).` } }, { status: 500 });
    }
  };
}
