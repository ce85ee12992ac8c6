import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createChannelBody, emojiSchema, historyQuery, mySettingsBody, signUpBody, syncPayload } from "./schemas";

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

describe("emojiSchema", () => {
  it("takes exactly one emoji: ZWJ sequences, skin tones, flags and keycaps included", () => {
    for (const e of ["👍", "👍🏽", "👨‍👩‍👧", "🧑🏾‍💻", "🇰🇷", "🏳️‍🌈", "#️⃣", "❤️"]) expect(emojiSchema.parse(e), e).toBe(e);
  });

  it("takes a symbol typed without U+FE0F as its emoji form", () => {
    expect(emojiSchema.parse("❤")).toBe("❤️");
  });

  it("refuses text, two emoji, spaces, digits and anything long", () => {
    for (const e of ["", "a", "👍👍", " 👍", "👍 ", ":+1:", "1", "#", "\uFE0F", "👍".repeat(20), "\u0000"]) {
      expect(emojiSchema.safeParse(e).success, JSON.stringify(e)).toBe(false);
    }
  });
});

describe("syncPayload cursors", () => {
  it("are a seq or {seq, version}", () => {
    expect(syncPayload.parse({ cursors: { a: 3, b: { seq: 4, version: 9 } } }).cursors).toEqual({ a: 3, b: { seq: 4, version: 9 } });
    for (const c of [{ seq: 1 }, { version: 1 }, { seq: -1, version: 0 }, { seq: 1, version: 1.5 }, "1", null]) {
      expect(syncPayload.safeParse({ cursors: { a: c } }).success, JSON.stringify(c)).toBe(false);
    }
  });
});

describe("mySettingsBody", () => {
  it("takes either setting or both, nothing else, and not nothing", () => {
    expect(mySettingsBody.parse({ readReceipts: false })).toEqual({ readReceipts: false });
    expect(mySettingsBody.parse({ readReceipts: true, notificationPreviews: false })).toEqual({ readReceipts: true, notificationPreviews: false });
    for (const b of [{}, { readReceipts: "no" }, { readReceipts: true, other: 1 }]) expect(mySettingsBody.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});
