import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { findLoginCandidate } from '../users/queries.ts';
import { clientIp } from './client-ip.ts';
import { loginSchema } from './login-schema.ts';
import { clearLoginFailures, recordLoginFailure } from './login-throttle.ts';
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
      // The route handler has already refused malformed input (400) and throttled attempts (429).
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const user = await findLoginCandidate(email);
        const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
        if (!user || !valid || user.disabledAt) {
          await recordLoginFailure(email, clientIp(req.headers ?? {}));
          return null;
        }
        await clearLoginFailures(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub ?? '' } };
    },
  },
};
