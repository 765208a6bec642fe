import { env } from '@/lib/env.ts';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { isDatabaseUnavailable } from '@/lib/db-unavailable.ts';
import { sameOriginPath } from '@/lib/http/redirect.ts';
import { findLoginCandidate, findSessionUser } from './queries.ts';
import { recordSignIn } from './login-guard.ts';
import { loginSchema } from './login-schema.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** Thrown by the session callback for a cookie whose user is disabled or whose password changed. */
class SessionEnded extends Error {}

export const authOptions: NextAuthOptions = {
  // Credentials only work with JWT sessions; every request re-reads the user (the session callback).
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  secret: env().NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      // The route handler has already refused malformed input and counted the attempt (lib/auth/password-check.ts).
      async authorize(credentials) {
        const parsed = loginSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const user = await findLoginCandidate(email);
        if (!user) {
          await burnPasswordCheck(password); // an unknown account costs as much time as a wrong password
          return null;
        }
        if (!(await verifyPassword(user.passwordHash, password)) || user.disabledAt) return null;
        recordSignIn(); // the login throttle forgives the attempt (app/api/auth/[...nextauth]/route.ts)
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // next-auth's own check let `/.//evil.example` through, and threw on what it could not parse.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
    },
    jwt({ token, user }) {
      if (user) token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion;
      return token;
    },
    /**
     * The user as the database says now, for getServerSession and GET /api/auth/session alike:
     * a JWT alone would keep a disabled user or an old password's session alive until it expires.
     * Throwing makes next-auth answer "no session" and clear the cookie, so a database that
     * cannot be reached must not throw: that would sign everyone out during an outage. It
     * answers a session marked `unavailable` instead, which getCurrentUser turns into a 503.
     */
    async session({ session, token }) {
      let user;
      try {
        user = token.sub && token.sessionVersion ? await findSessionUser(token.sub, token.sessionVersion) : null;
      } catch (error) {
        if (isDatabaseUnavailable(error)) return { expires: session.expires, unavailable: true };
        throw error;
      }
      if (!user) throw new SessionEnded();
      return { expires: session.expires, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: token.sessionVersion } };
    },
  },
  logger: {
    // An ended session is expected, not an error worth a stack trace in the log.
    error(code, metadata) {
      if (metadata instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
};
