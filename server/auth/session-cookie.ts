// Reads the Auth.js session cookie (an encrypted JWT) outside Next: in the Socket.IO handshake
// and in route handlers that accept either a cookie or a bearer token.
import { decode } from "next-auth/jwt";

// Auth.js names the cookie by scheme; over https it carries the __Secure- prefix. Large
// cookies are split into name.0, name.1, ...
const COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"];

/** What the cookie claims; believed only while the session row says so (authenticate.ts). */
export interface SessionClaims {
  userId: string;
  /** The AuthSession row of this browser log-in (the JWT's `sid`). */
  sessionId: string;
}

export function parseCookies(header: string | undefined | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

function readChunked(cookies: Map<string, string>, name: string): string | undefined {
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length ? chunks.join("") : undefined;
}

export async function readSessionCookie(cookieHeader: string | undefined | null, secret: string): Promise<SessionClaims | null> {
  const cookies = parseCookies(cookieHeader);
  for (const name of COOKIE_NAMES) {
    const token = readChunked(cookies, name);
    if (!token) continue;
    try {
      const claims = await decode({ token, secret, salt: name });
      // A cookie from before server-side sessions has no sid: it is no session any more.
      if (claims && typeof claims.sub === "string" && typeof claims.sid === "string") {
        return { userId: claims.sub, sessionId: claims.sid };
      }
    } catch {
      // A cookie from another secret or a tampered one: not a session.
    }
  }
  return null;
}
