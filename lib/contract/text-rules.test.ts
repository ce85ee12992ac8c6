import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyProblem } from "./message-body";
import { createChannelBody, nameSchema, renameChannelBody, sendMessagePayload, signUpBody, syncPayload, text, userSearchQuery } from "./schemas";

// Characters that show nothing: format (Cf), spaces (Zs), bidi controls, combining marks.
const invisible = [
  "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E",
  "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F",
  " ", "\u00A0", "\u2000", "\u2003", "\u3000", "\u205F", "\u3164", "\u115F", "\uFE0F", "\u0301", "\u0308",
];
const invisibleText = fc.array(fc.constantFrom(...invisible), { minLength: 1, maxLength: 40 }).map((a) => a.join(""));
// Every Cf and Zs code point of the BMP, found by the engine's own Unicode tables.
const formatOrSpace = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter(
  (ch) => /[\p{Cf}\p{Zs}]/u.test(ch) && !/[\uD800-\uDFFF]/.test(ch),
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

describe("text is what it looks like", () => {
  it("a body or a name made only of format, space or bidi characters, or marks alone, is empty", () => {
    fc.assert(
      fc.property(fc.oneof(invisibleText, fc.array(fc.constantFrom(...formatOrSpace), { minLength: 1, maxLength: 20 }).map((a) => a.join(""))), (s) => {
        expect(bodyProblem(s)).toBe("empty");
        expect(nameSchema.safeParse(s).success).toBe(false);
        expect(renameChannelBody.safeParse({ name: s }).success).toBe(false);
      }),
    );
  });

  it("names are NFC, without controls or bidi controls", () => {
    expect(nameSchema.parse("Cafe\u0301")).toBe("Caf\u00E9");
    expect(nameSchema.parse("\u202Eevil\u202C\u2066x\u2069\u0007")).toBe("evilx");
    expect(nameSchema.parse("  Ann\tLee\n ")).toBe("AnnLee");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => {
        const r = nameSchema.safeParse(s);
        if (!r.success) return;
        expect(r.data).toBe(r.data.normalize("NFC"));
        expect(r.data).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
      }),
    );
  });

  it("NUL is refused in every string, bodies and names included", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = `${a}\u0000${b}`;
        expect(text().safeParse(s).success).toBe(false);
        expect(bodyProblem(s.slice(0, 3000))).not.toBeNull();
        expect(sendMessagePayload.safeParse({ channelId: "c", clientMsgId: "m", body: `x${s}`.slice(0, 3000) }).success).toBe(false);
        expect(signUpBody.safeParse({ email: "a@b.co", name: `Ann${s}`.slice(0, 50), password: "12345678" }).success).toBe(false);
      }),
    );
    expect(syncPayload.safeParse({ cursors: { "a\u0000": 1 } }).success).toBe(false);
    expect(createChannelBody.safeParse({ kind: "direct", memberIds: ["u\u0000"] }).success).toBe(false);
    expect(userSearchQuery.safeParse({ q: "a\u0000" }).success).toBe(false);
    expect(sendMessagePayload.safeParse({ channelId: "c", clientMsgId: "m\u0000", body: "hi" }).success).toBe(false);
  });

  it("a lone surrogate is refused, a pair is accepted", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), loneSurrogate, fc.string({ maxLength: 20 }), (a, lone, b) => {
        // A high surrogate followed by a low one is a pair: make sure this one stays alone.
        const s = `${a}x${lone}x${b}`;
        expect(text().safeParse(s).success).toBe(false);
        expect(bodyProblem(s)).toBe("invalid");
        expect(sendMessagePayload.safeParse({ channelId: "c", clientMsgId: "m", body: s }).success).toBe(false);
      }),
    );
    expect(text().safeParse("😀").success).toBe(true);
  });

  it("emoji joined with ZWJ, flags and skin tones are text", () => {
    for (const e of ["👩\u200D💻", "👨\u200D👩\u200D👧\u200D👦", "🏳️\u200D🌈", "👍🏽", "🇰🇷", "❤️"]) {
      expect(bodyProblem(e)).toBeNull();
      expect(nameSchema.parse(e)).toBe(e);
      expect(sendMessagePayload.parse({ channelId: "c", clientMsgId: "m", body: e }).body).toBe(e);
    }
  });

  it("bodies keep tab and line feed, refuse other C0 controls", () => {
    expect(bodyProblem("a\n\tb")).toBeNull();
    for (let c = 0; c < 0x20; c++) {
      if (c === 9 || c === 10) continue;
      expect(bodyProblem(`a${String.fromCharCode(c)}b`), `U+${c.toString(16)}`).toBe("invalid");
    }
  });

  it("a body over the limit is too_large however far over it is", () => {
    for (const n of [4001, 8001, 16_017, 20_000, 200_000]) {
      const r = sendMessagePayload.safeParse({ channelId: "c", clientMsgId: "m", body: "a".repeat(n) });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.code).toBe("custom");
      expect((r.error?.issues[0] as { params?: { code?: string } }).params?.code).toBe("too_large");
    }
    expect(sendMessagePayload.safeParse({ channelId: "c", clientMsgId: "m", body: "😀".repeat(4000) }).success).toBe(true);
  });
});
