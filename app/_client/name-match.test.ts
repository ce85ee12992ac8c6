import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialOf, matchName, matchRank } from "./name-match";

const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c));
const hangulText = fc.array(hangul, { minLength: 1, maxLength: 8 }).map((a) => a.join(""));

describe("matchName", () => {
  it("finds the query anywhere in the name, whatever its case", () => {
    expect(matchName("Alice Kim", "alice")).toBe(0);
    expect(matchName("Alice Kim", "KIM")).toBe(6);
    expect(matchName("Alice Kim", "ce k")).toBe(3);
    expect(matchName("Alice Kim", "bob")).toBeNull();
  });

  it("finds Korean names by a part of them", () => {
    expect(matchName("김민지", "민지")).toBe(1);
    expect(matchName("김민지", "김지")).toBeNull();
  });

  it("finds Korean names by their initial consonants, alone or mixed with syllables", () => {
    expect(matchName("김민", "ㄱㅁ")).toBe(0);
    expect(matchName("김민지", "ㅁㅈ")).toBe(1);
    expect(matchName("김민지", "김ㅁ")).toBe(0);
    expect(matchName("팀 회의방", "ㅎㅇ")).toBe(2);
    expect(matchName("김민", "ㄴㅁ")).toBeNull();
    // A doubled consonant is its own initial: ㄲ finds 꿈, ㄱ does not.
    expect(matchName("꿈", "ㄲ")).toBe(0);
    expect(matchName("꿈", "ㄱ")).toBeNull();
  });

  it("lets the last syllable still being composed stand for the finished one", () => {
    // Typing 민 passes through 미: the list must not go empty on the way.
    expect(matchName("김민지", "김미")).toBe(0);
    expect(matchName("김민지", "미지")).toBeNull();
    expect(matchName("김민지", "김민")).toBe(0);
  });

  it("ignores the query's surrounding blanks and matches an empty query at the start", () => {
    expect(matchName("Alice", "  ali ")).toBe(0);
    expect(matchName("Alice", "")).toBe(0);
  });

  it("finds any part of a name in it (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (a, b, c) => {
        expect(matchName(a + b + c, b)).not.toBeNull();
      }),
    );
  });

  it("finds any Hangul name by its initials, in either case of the rest (property)", () => {
    fc.assert(
      fc.property(hangulText, (name) => {
        const initials = [...name].map((ch) => initialOf(ch)).join("");
        expect(matchName(name, initials)).toBe(0);
        expect(matchName(`Team ${name}`, initials)).toBe(5);
      }),
    );
  });

  it("finds nothing when the query has a letter the name lacks (property)", () => {
    const from = (chars: string) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 }).map((a) => a.join(""));
    fc.assert(
      fc.property(from("abcdefghijklm"), from("nopqrstuvwxyz"), (name, query) => {
        expect(matchName(name, query)).toBeNull();
        expect(matchName(name.toUpperCase(), query)).toBeNull();
      }),
    );
  });

  it("is case-insensitive for ASCII names (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefXYZ Q"), minLength: 1 }), (s) => {
        expect(matchName(s.toUpperCase(), s.toLowerCase())).not.toBeNull();
        expect(matchName(s.toLowerCase(), s.toUpperCase())).not.toBeNull();
      }),
    );
  });
});

describe("matchRank", () => {
  it("puts the start of the name first, then the start of a word, then inside a word", () => {
    expect(matchRank("Alice Kim", "ali")).toBe(0);
    expect(matchRank("Alice Kim", "kim")).toBe(1);
    expect(matchRank("Alice Kim", "lic")).toBe(2);
    expect(matchRank("팀 회의", "ㅎㅇ")).toBe(1);
    expect(matchRank("Alice Kim", "zed")).toBeNull();
  });
});
