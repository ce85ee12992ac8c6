import { describe, expect, it } from "vitest";
import { findMentions } from "./mentions";

const members = [
  { id: "ann", name: "Ann" },
  { id: "anna", name: "Anna" },
  { id: "mk", name: "Minji Kim" },
  { id: "ko", name: "김민지" },
  { id: "me", name: "Me" },
];

describe("findMentions", () => {
  it("finds members by @name, names with spaces and Korean names included", () => {
    expect(findMentions("hi @ann and @Minji Kim!", members, "me").sort()).toEqual(["ann", "mk"]);
    expect(findMentions("@김민지 회의 3시", members, "me")).toEqual(["ko"]);
  });

  it("does not take a longer name for a shorter one, nor an email for a mention", () => {
    expect(findMentions("@Anna, please", members, "me")).toEqual(["anna"]);
    expect(findMentions("mail ann@ann.example", members, "me")).toEqual([]);
    expect(findMentions("(@ann)", members, "me")).toEqual(["ann"]);
    expect(findMentions("@annabel", members, "me")).toEqual([]);
  });

  it("ignores the sender and text without @", () => {
    expect(findMentions("@Me talking to myself", members, "me")).toEqual([]);
    expect(findMentions("Ann and Anna", members, "me")).toEqual([]);
  });
});
