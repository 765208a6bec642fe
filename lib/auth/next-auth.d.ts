import 'next-auth';
import 'next-auth/jwt';
import type { Role } from './policy.ts';

declare module 'next-auth' {
  interface Session {
    user: { id: string; sessionVersion: number; role: Role; name: string; email: string };
    /** The user could not be read because the database is unavailable: not a sign-out (lib/auth/options.ts). */
    unavailable?: true;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sessionVersion?: number;
  }
}
