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

// Decoding the cookie (Auth.js derives the key with HKDF, then decrypts the JWE) cost ≈ 0.7 ms of
// CPU per call on the bench machine, and a browser pays it on every API request, including the
// socket ticket before each connect. A token string decodes to the same claims every time (until
// its exp), so the claims of the cookies seen lately are kept: what they say is believed only as
// far as a decoded cookie's is (the session row is still read on every use, authenticate.ts).
// Only cookies that decoded are kept, so garbage cannot fill the cache.
const DECODED_MAX = 5_000;
const decodedBySecret = new Map<string, Map<string, SessionClaims & { expSeconds: number }>>();

function remembered(secret: string, key: string): SessionClaims | null {
  const cache = decodedBySecret.get(secret);
  const hit = cache?.get(key);
  if (!hit) return null;
  if (hit.expSeconds * 1000 <= Date.now()) {
    cache!.delete(key);
    return null;
  }
  return { userId: hit.userId, sessionId: hit.sessionId };
}

function remember(secret: string, key: string, claims: SessionClaims, expSeconds: number): void {
  let cache = decodedBySecret.get(secret);
  if (!cache) decodedBySecret.set(secret, (cache = new Map()));
  // Oldest first out (a Map iterates in insertion order).
  if (cache.size >= DECODED_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { ...claims, expSeconds });
}

export async function readSessionCookie(cookieHeader: string | undefined | null, secret: string): Promise<SessionClaims | null> {
  const cookies = parseCookies(cookieHeader);
  for (const name of COOKIE_NAMES) {
    const token = readChunked(cookies, name);
    if (!token) continue;
    const key = `${name}=${token}`;
    const known = remembered(secret, key);
    if (known) return known;
    try {
      const claims = await decode({ token, secret, salt: name });
      // A cookie from before server-side sessions has no sid: it is no session any more.
      if (claims && typeof claims.sub === "string" && typeof claims.sid === "string") {
        const found = { userId: claims.sub, sessionId: claims.sid };
        if (typeof claims.exp === "number") remember(secret, key, found, claims.exp);
        return found;
      }
    } catch {
      // A cookie from another secret or a tampered one: not a session.
    }
  }
  return null;
}
