import { describe, expect, it } from "vitest";
import { searchTerms } from "./search-terms";

describe("searchTerms", () => {
  it("splits English words from Korean runs", () => {
    expect(searchTerms("meeting 회의")).toEqual({ english: "meeting", cjk: "'회의'" });
  });

  it("turns a Korean word into a phrase of bigrams", () => {
    expect(searchTerms("회의실")).toEqual({ english: "", cjk: "('회의' <-> '의실')" });
    expect(searchTerms("회의실 예약")).toEqual({ english: "", cjk: "('회의' <-> '의실') & '예약'" });
  });

  it("makes a single character a prefix", () => {
    expect(searchTerms("회").cjk).toBe("'회':*");
  });

  it("never lets tsquery syntax through from English text", () => {
    expect(searchTerms("a' & !b:* | (c)").cjk).toBe("");
  });
});
