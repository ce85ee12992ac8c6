// Auth.js for the browser: credentials log-in, JWT session cookie. The cookie carries the user id
// and their sessionVersion, checked on every request (server/auth/authenticate.ts).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { credentialsBody } from "../../lib/contract/schemas";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { parseInput } from "../parse-input";
import { getRuntime } from "../runtime";
import { verifyCredentials } from "../users/verify-credentials";

// Auth.js reports these codes to the log-in page (signIn(...).code), which shows the reason.
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}
class WrongCredentials extends CredentialsSignin {
  code = "wrong_credentials";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an answer, not a server error: keep it out of the error log.
    error(err) {
      if ((err as { type?: string }).type === "CredentialsSignin" || err.name === "CredentialsSignin") return;
      getRuntime().log.error({ err }, "auth error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(input, request) {
        const rt = getRuntime();
        try {
          const u = await verifyCredentials(rt.db, rt.loginLimiter, parseInput(credentialsBody, input), clientIp(request));
          return { id: u.id, name: u.name, email: u.email, sessionVersion: u.sessionVersion };
        } catch (err) {
          if (isAppError(err) && err.code === "rate_limited") throw new RateLimited();
          if (isAppError(err)) throw new WrongCredentials();
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
