import { issueSocketTicket } from "@/server/auth/socket-ticket";
import { AppError } from "@/server/errors";
import { route } from "@/server/http/route";

// POST, so that route() refuses a foreign page (server/http/same-origin.ts): only the app's own
// pages can turn the cookie into a ticket.
export const POST = route("POST /api/socket-ticket", async ({ services, userId, sessionId, sessionKind }) => {
  if (sessionKind !== "browser") throw new AppError("forbidden", "socket tickets are for browser sessions: send the token itself");
  const { ticket, expiresAt } = issueSocketTicket(services.authSecret, { userId, sessionId });
  return { json: { ticket, expiresAt: new Date(expiresAt).toISOString() } };
});
