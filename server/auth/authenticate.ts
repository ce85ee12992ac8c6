// Who is calling: a bearer token (bots, scripts, other clients) or the browser's session cookie.
// The only source of a user id on the server; nothing the client says about itself is trusted.
// Either credential is good only while its AuthSession row lives (server/auth/auth-sessions.ts).
// The Socket.IO handshake also takes a socket ticket (socket-ticket.ts): the cookie's stand-in on
// another node's address. HTTP routes never pass one, so a ticket is no bearer token.
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { hashToken, isTokenShaped } from "./api-tokens";
import { type Caller, resolveSession, type SessionKey } from "./auth-sessions";
import { readSessionCookie } from "./session-cookie";
import { readSocketTicket } from "./socket-ticket";

export interface Credentials {
  authorization?: string | null;
  cookie?: string | null;
  /** Socket.IO's `auth: {token}`. */
  token?: unknown;
  /** Socket.IO's `auth: {ticket}` (handshakes only). */
  ticket?: unknown;
  /** Recorded on the session as the device it was last used from. */
  userAgent?: string | null;
}

/** How a credential's session is found; the socket handshake reads more in the same query. */
export type SessionResolver<C extends Caller> = (db: Db, where: SessionKey, userAgent: string | null | undefined) => Promise<C | null>;

export async function authenticate(db: Db, secret: string, c: Credentials): Promise<Caller>;
export async function authenticate<C extends Caller>(db: Db, secret: string, c: Credentials, resolve: SessionResolver<C>): Promise<C>;
export async function authenticate(db: Db, secret: string, c: Credentials, resolve: SessionResolver<Caller> = resolveSession): Promise<Caller> {
  const bearer = typeof c.token === "string" ? c.token : bearerFrom(c.authorization);
  if (bearer !== null) {
    const caller = isTokenShaped(bearer) ? await resolve(db, { tokenHash: hashToken(bearer), kind: "token" }, c.userAgent) : null;
    if (caller) return caller;
    throw new AppError("unauthenticated", "invalid or expired token");
  }
  if (c.ticket !== undefined) {
    const t = readSocketTicket(secret, c.ticket);
    // The same checks as the cookie's: the browser session it names still lives, for that user.
    const caller = t ? await resolve(db, { id: t.sessionId, userId: t.userId, kind: "browser" }, c.userAgent) : null;
    if (caller) return caller;
    throw new AppError("unauthenticated", "invalid or expired socket ticket");
  }
  const claims = await readSessionCookie(c.cookie, secret);
  if (claims) {
    const caller = await resolve(db, { id: claims.sessionId, userId: claims.userId, kind: "browser" }, c.userAgent);
    if (caller) return caller;
  }
  throw new AppError("unauthenticated", "sign in or send a bearer token");
}

/** The token of an `Authorization: Bearer ...` header, or null. */
export function bearerFrom(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
