import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { findLoginCandidate } from '../users/queries.ts';
import { loginSchema } from './login-schema.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

export const authOptions: NextAuthOptions = {
  // Credentials only work with JWT sessions; every request re-reads the user (lib/auth/session.ts).
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      // The route handler has already refused malformed input and counted the attempt (lib/auth/login-guard.ts).
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
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion;
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub ?? '', sessionVersion: Number(token.sessionVersion ?? 0) } };
    },
  },
};
