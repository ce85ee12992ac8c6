import { describe, expect, it } from "vitest";
import { matchMembers, mentionQuery, mentionsName, splitMentions } from "./mentions";

describe("mentionsName", () => {
  it("finds @Name in any case, names with spaces, not inside words or emails", () => {
    expect(mentionsName("hi @minji kim, ok?", "Minji Kim")).toBe(true);
    expect(mentionsName("@Minji Kimchi", "Minji Kim")).toBe(false);
    expect(mentionsName("mail minji@Minji Kim", "Minji Kim")).toBe(false);
    expect(mentionsName("no mention", "Minji Kim")).toBe(false);
    expect(mentionsName("내일 @민지 회의", "민지")).toBe(true);
  });
});

describe("splitMentions", () => {
  it("sets apart the longest member name at each @", () => {
    const parts = splitMentions("hey @Ann Lee and @ann!", [
      { id: "a", name: "Ann" },
      { id: "b", name: "Ann Lee" },
    ]);
    expect(parts).toEqual([
      { text: "hey " },
      { text: "@Ann Lee", mention: "b" },
      { text: " and " },
      { text: "@ann", mention: "a" },
      { text: "!" },
    ]);
  });
  it("leaves text without mentions whole", () => {
    expect(splitMentions("a@b.c", [{ id: "b", name: "b" }])).toEqual([{ text: "a@b.c" }]);
  });
});

describe("mentionQuery", () => {
  it("reads the name typed after an @ up to the caret", () => {
    expect(mentionQuery("hello @Be", 9)).toEqual({ start: 6, query: "Be" });
    expect(mentionQuery("@Minji K", 8)).toEqual({ start: 0, query: "Minji K" });
    expect(mentionQuery("mail a@b", 8)).toBeNull();
    expect(mentionQuery("@x\ny", 4)).toBeNull();
    expect(mentionQuery("no at", 5)).toBeNull();
  });
});

describe("matchMembers", () => {
  const people = [
    { id: "1", name: "Minji Kim" },
    { id: "2", name: "Kim Lee" },
    { id: "3", name: "Bob" },
  ];
  it("matches the start of the name first, then of a word", () => {
    expect(matchMembers(people, "kim").map((p) => p.id)).toEqual(["2", "1"]);
    expect(matchMembers(people, "Minji K").map((p) => p.id)).toEqual(["1"]);
    expect(matchMembers(people, "").map((p) => p.id)).toEqual(["3", "2", "1"]);
  });
});
