import type { Actor } from './policy.ts';

/** Who a request acts as, from a session cookie or an API token. */
export interface SessionUser extends Actor {
  email: string;
  name: string;
}
