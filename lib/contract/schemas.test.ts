import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createChannelBody, historyQuery, signUpBody, syncPayload } from "./schemas";

describe("historyQuery", () => {
  it("defaults the limit to 50 and coerces query strings", () => {
    expect(historyQuery.parse({})).toEqual({ limit: 50 });
    expect(historyQuery.parse({ before: "10", limit: "3" })).toEqual({ before: 10, limit: 3 });
  });

  it("refuses two cursors and limits outside 1..200", () => {
    for (const q of [{ before: "1", after: "2" }, { around: "1", before: "2" }, { limit: "0" }, { limit: "201" }, { after: "-1" }, { before: "1.5" }]) {
      expect(historyQuery.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
  });

  it("never throws, whatever the query", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("before", "after", "around", "limit", "x"), fc.string()), (q) => {
        const r = historyQuery.safeParse(q);
        if (r.success) expect(r.data.limit).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe("signUpBody", () => {
  it("lower-cases and trims the email, trims the name", () => {
    expect(signUpBody.parse({ email: " Ann@Example.COM ", name: "  Ann ", password: "12345678" })).toEqual({
      email: "ann@example.com",
      name: "Ann",
      password: "12345678",
    });
  });
});

describe("createChannelBody", () => {
  it("takes exactly one other member for a direct channel", () => {
    expect(createChannelBody.safeParse({ kind: "direct", memberIds: ["a"] }).success).toBe(true);
    expect(createChannelBody.safeParse({ kind: "direct", memberIds: ["a", "b"] }).success).toBe(false);
    expect(createChannelBody.safeParse({ kind: "direct", memberIds: [] }).success).toBe(false);
  });

  it("caps a group's members per request at 500", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
    expect(createChannelBody.safeParse({ kind: "group", name: "g", memberIds: ids(500) }).success).toBe(true);
    expect(createChannelBody.safeParse({ kind: "group", name: "g", memberIds: ids(501) }).success).toBe(false);
  });
});

describe("syncPayload", () => {
  it("refuses negative or fractional cursors and limits over 1000", () => {
    expect(syncPayload.safeParse({ cursors: { a: -1 } }).success).toBe(false);
    expect(syncPayload.safeParse({ cursors: { a: 1.5 } }).success).toBe(false);
    expect(syncPayload.safeParse({ cursors: {}, limit: 1001 }).success).toBe(false);
    expect(syncPayload.safeParse({ cursors: { a: 0 }, limit: 1000 }).success).toBe(true);
  });
});
