import { describe, expect, it } from "vitest";
import { issueSocketTicket, readSocketTicket, SOCKET_TICKET_TTL_MS } from "./socket-ticket";

const secret = "a".repeat(40);
const claims = { userId: "u1", sessionId: "s1" };

describe("socket tickets", () => {
  it("reads back what was issued until it expires", () => {
    const now = 1_000_000;
    const { ticket, expiresAt } = issueSocketTicket(secret, claims, now);
    expect(expiresAt).toBe(now + SOCKET_TICKET_TTL_MS);
    expect(readSocketTicket(secret, ticket, now + 1)).toEqual({ ...claims, expiresAt });
    expect(readSocketTicket(secret, ticket, expiresAt)).toBeNull();
  });
  it("refuses another secret's ticket, a changed payload, garbage and non-strings", () => {
    const { ticket } = issueSocketTicket(secret, claims);
    expect(readSocketTicket("b".repeat(40), ticket)).toBeNull();
    const [, payload, sig] = ticket.split(".");
    const forged = Buffer.from(JSON.stringify({ u: "u2", s: "s1", e: Date.now() + 60_000 })).toString("base64url");
    expect(readSocketTicket(secret, `st1.${forged}.${sig}`)).toBeNull();
    expect(readSocketTicket(secret, `st1.${payload}.${sig}x`)).toBeNull();
    expect(readSocketTicket(secret, `st1.${payload}`)).toBeNull();
    expect(readSocketTicket(secret, `${ticket}.x`)).toBeNull();
    expect(readSocketTicket(secret, "ct_" + ticket)).toBeNull();
    expect(readSocketTicket(secret, 42)).toBeNull();
    expect(readSocketTicket(secret, "st1." + "x".repeat(600))).toBeNull();
  });
});
