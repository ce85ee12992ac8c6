// Socket tickets: how a browser opens its socket on another node's address. The session cookie
// belongs to the page's host, so a socket on a node discovery names by its own URL carries none.
// The page asks its own origin for a ticket (POST /api/socket-ticket, cookie, same-origin check)
// and hands it to the other node in the handshake (`auth: {ticket}`).
//
// A ticket is `st1.<payload>.<mac>`: the payload names the user, the browser session and an
// expiry a minute away; the mac is an HMAC-SHA256 with a key derived from AUTH_SECRET for this
// purpose only (so nothing else signed with that secret is ever a ticket, nor a ticket anything
// else). It is believed only at a socket handshake, and only while its session row lives
// (authenticate.ts): ending the session makes its tickets worthless, and the socket joins the
// session's room like a cookie socket. It is not a bearer token: the HTTP routes never read it.
// No state is kept: a ticket may be used more than once until it expires (docs/security.md).
import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "st1.";
export const SOCKET_TICKET_TTL_MS = 60_000;
/** Far longer than any ticket of ours: the payload is read only after its mac checks out. */
const MAX_LENGTH = 512;

export interface TicketClaims {
  userId: string;
  sessionId: string;
  /** Epoch ms after which the ticket is refused. */
  expiresAt: number;
}

const keys = new Map<string, Buffer>();

/** The ticket key: AUTH_SECRET put through HMAC with this purpose's label. */
function ticketKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createHmac("sha256", secret).update("chat socket ticket v1").digest()));
  return key;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", ticketKey(secret)).update(PREFIX + payload).digest();
}

export function issueSocketTicket(
  secret: string,
  claims: { userId: string; sessionId: string },
  now = Date.now(),
): { ticket: string; expiresAt: number } {
  const expiresAt = now + SOCKET_TICKET_TTL_MS;
  const payload = Buffer.from(JSON.stringify({ u: claims.userId, s: claims.sessionId, e: expiresAt })).toString("base64url");
  return { ticket: `${PREFIX}${payload}.${mac(secret, payload).toString("base64url")}`, expiresAt };
}

/** What a genuine, unexpired ticket says; null for anything else (forged, expired, garbage). */
export function readSocketTicket(secret: string, ticket: unknown, now = Date.now()): TicketClaims | null {
  if (typeof ticket !== "string" || ticket.length > MAX_LENGTH || !ticket.startsWith(PREFIX)) return null;
  const [payload, sig, ...rest] = ticket.slice(PREFIX.length).split(".");
  if (!payload || !sig || rest.length) return null;
  const expected = mac(secret, payload);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const { u, s, e } = (claims ?? {}) as { u?: unknown; s?: unknown; e?: unknown };
  if (typeof u !== "string" || typeof s !== "string" || typeof e !== "number" || e <= now) return null;
  return { userId: u, sessionId: s, expiresAt: e };
}
