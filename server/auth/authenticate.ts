// Who is calling: a bearer token (bots, scripts, other clients) or the browser's session cookie.
// The only source of a user id on the server; nothing the client says about itself is trusted.
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { verifyApiToken } from "./api-tokens";
import { readSessionCookie } from "./session-cookie";

export interface Credentials {
  authorization?: string | null;
  cookie?: string | null;
  /** Socket.IO's `auth: {token}`. */
  token?: unknown;
}

export async function authenticate(db: Db, secret: string, c: Credentials): Promise<string> {
  const bearer = typeof c.token === "string" ? c.token : bearerFrom(c.authorization);
  if (bearer !== null) {
    const userId = await verifyApiToken(db, bearer);
    if (userId) return userId;
    throw new AppError("unauthenticated", "invalid or expired token");
  }
  const session = await readSessionCookie(c.cookie, secret);
  if (session) {
    const user = await db.user.findUnique({ where: { id: session.userId }, select: { sessionVersion: true } });
    if (user && user.sessionVersion === session.sessionVersion) return session.userId;
  }
  throw new AppError("unauthenticated", "sign in or send a bearer token");
}

/** The token of an `Authorization: Bearer ...` header, or null. */
export function bearerFrom(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
