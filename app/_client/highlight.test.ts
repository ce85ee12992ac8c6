import { describe, expect, it } from "vitest";
import { excerpt, queryPattern, splitMatches } from "./highlight";

describe("splitMatches", () => {
  it("marks each query word, any case, inside words (Korean too)", () => {
    const p = queryPattern("회의 ROOM");
    expect(splitMatches("내일 회의는 Room 3", p)).toEqual([
      { text: "내일 " },
      { text: "회의", match: true },
      { text: "는 " },
      { text: "Room", match: true },
      { text: " 3" },
    ]);
  });
  it("marks English words by a rough stem as well", () => {
    const parts = splitMatches("we meet at the meeting", queryPattern("meetings"));
    expect(parts.filter((x) => x.match).map((x) => x.text)).toEqual(["meet", "meeting"]);
  });
  it("treats regex characters literally", () => {
    expect(splitMatches("a+b (c)", queryPattern("(c)"))).toEqual([{ text: "a+b " }, { text: "(c)", match: true }]);
  });
});

describe("excerpt", () => {
  it("cuts a long body around the first match", () => {
    const body = `${"x ".repeat(300)}needle${" y".repeat(300)}`;
    const e = excerpt(body, queryPattern("needle"));
    expect(e.length).toBeLessThan(250);
    expect(e).toContain("needle");
    expect(e.startsWith("…")).toBe(true);
  });
});
