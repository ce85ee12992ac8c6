// Auth.js for the browser: credentials log-in, JWT session cookie. Each log-in opens an
// AuthSession row whose id the cookie carries as `sid`; the cookie works only while that row
// lives (checked here for pages, in server/auth/authenticate.ts for the API and sockets), and
// Auth.js's sign-out ends it on the server.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { credentialsBody } from "../../lib/contract/schemas";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { parseInput } from "../parse-input";
import { getRuntime } from "../runtime";
import { endOwnSession } from "../users/end-sessions";
import { verifyCredentials } from "../users/verify-credentials";
import { openBrowserSession, resolveSession } from "./auth-sessions";
import { requestLocale } from "../i18n/request-locale";

// Auth.js reports these codes to the log-in page (signIn(...).code), which shows the reason.
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}
class WrongCredentials extends CredentialsSignin {
  code = "wrong_credentials";
}

// Lazy: the settings (the session's lifetime) belong to the app serving this request.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  session: { strategy: "jwt", maxAge: getRuntime().config.SESSION_TTL_DAYS * 86_400 },
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
          const session = await openBrowserSession(rt.db, u.id, {
            ttlDays: rt.config.SESSION_TTL_DAYS,
            userAgent: request.headers.get("user-agent"),
          });
          // The language this browser reads, for push notifications.
          await rt.db.user.update({ where: { id: u.id }, data: { locale: requestLocale(request.headers) } });
          return { id: u.id, name: u.name, email: u.email, sessionId: session.id };
        } catch (err) {
          if (isAppError(err) && err.code === "rate_limited") throw new RateLimited();
          if (isAppError(err)) throw new WrongCredentials();
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as { sessionId?: string }).sessionId;
        return token;
      }
      // A page load with an ended session: no session (Auth.js clears the cookie where it can).
      if (typeof token.sub !== "string" || typeof token.sid !== "string") return null;
      const live = await resolveSession(getRuntime().db, { id: token.sid, userId: token.sub, kind: "browser" }, null);
      return live ? token : null;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sub !== "string" || typeof token.sid !== "string") return;
      await endOwnSession(getRuntime(), token.sub, token.sid);
    },
  },
}));
