import { describe, expect, it } from "vitest";
import { afterConnectError, afterDisconnect, isAnotherUrl, needsTicket, REDISCOVER_AFTER } from "./reconnect-policy";

describe("afterConnectError", () => {
  const base = { message: "xhr poll error", failures: 1, willRetry: true, ticket: "none" as const };
  it("lets Socket.IO retry a lost transport once, then asks discovery again", () => {
    expect(afterConnectError(base)).toBe("wait");
    expect(afterConnectError({ ...base, failures: REDISCOVER_AFTER })).toBe("rediscover");
    expect(afterConnectError({ ...base, failures: REDISCOVER_AFTER + 5 })).toBe("rediscover");
  });
  it("retries a middleware refusal itself (Socket.IO does not), then asks discovery again", () => {
    expect(afterConnectError({ ...base, message: "internal", willRetry: false })).toBe("retry");
    expect(afterConnectError({ ...base, message: "too_many_connections", willRetry: false, failures: 2 })).toBe("rediscover");
  });
  it("stops on `unauthenticated`, unless the attempt had no ticket because the page's origin failed to give one", () => {
    expect(afterConnectError({ ...base, message: "unauthenticated", willRetry: false })).toBe("signed-out");
    expect(afterConnectError({ ...base, message: "unauthenticated", willRetry: false, ticket: "ok", failures: 9 })).toBe("signed-out");
    expect(afterConnectError({ ...base, message: "unauthenticated", willRetry: false, ticket: "unavailable" })).toBe("retry");
    expect(afterConnectError({ ...base, message: "unauthenticated", willRetry: false, ticket: "unavailable", failures: 2 })).toBe("rediscover");
  });
});

describe("afterDisconnect", () => {
  it("asks discovery after the server closed the socket, leaves transport losses to Socket.IO, and does nothing after our own close", () => {
    expect(afterDisconnect("io server disconnect")).toBe("rediscover");
    expect(afterDisconnect("transport close")).toBe("wait");
    expect(afterDisconnect("ping timeout")).toBe("wait");
    expect(afterDisconnect("io client disconnect")).toBe("none");
  });
});

describe("urls", () => {
  it("compares origins", () => {
    expect(isAnotherUrl("http://a.local:3000", "http://a.local:3000/")).toBe(false);
    expect(isAnotherUrl("http://a.local:3000", "http://a.local:3001")).toBe(true);
    expect(isAnotherUrl("", "http://a.local:3001")).toBe(true);
  });
  it("wants a ticket only for another origin than the page's", () => {
    expect(needsTicket("http://a.local:3000", "http://a.local:3000")).toBe(false);
    expect(needsTicket("/", "http://a.local:3000")).toBe(false);
    expect(needsTicket("http://b.local:3000", "http://a.local:3000")).toBe(true);
    expect(needsTicket("https://a.local:3000", "http://a.local:3000")).toBe(true);
    expect(needsTicket("http://b.local:3000", undefined)).toBe(false);
  });
});
