import { describe, expect, it } from "vitest";
import { receiptsFor, seenSeq, unreadBy } from "./read-receipts";

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString();
const msg = (seq: number, senderId: string, min = seq) => ({ seq, senderId, createdAt: at(min) });

describe("unreadBy (groups)", () => {
  const marks = [
    { userId: "a", lastReadSeq: 5, joinedAt: at(0) },
    { userId: "b", lastReadSeq: 3, joinedAt: at(0) },
    { userId: "c", lastReadSeq: 0, joinedAt: at(0) },
    { userId: "quiet", lastReadSeq: null, joinedAt: at(0) },
    { userId: "late", lastReadSeq: 0, joinedAt: at(5) },
  ];

  it("counts the members who have not read the message, not its sender", () => {
    expect(unreadBy(marks, msg(3, "a"))).toBe(1); // c (b read up to 3)
    expect(unreadBy(marks, msg(4, "a"))).toBe(2); // b, c
    expect(unreadBy(marks, msg(4, "c"))).toBe(1); // b (a read it, c sent it)
    expect(unreadBy(marks, msg(6, "a"))).toBe(3); // b, c, and late joined before it
  });

  it("leaves out members who do not share receipts and those who joined after the message", () => {
    expect(unreadBy(marks, msg(2, "a"))).toBe(1);
    expect(unreadBy([{ userId: "quiet", lastReadSeq: null }], msg(1, "a"))).toBe(0);
  });

  it("reaches zero when everyone has read it", () => {
    expect(unreadBy([{ userId: "a", lastReadSeq: 9 }, { userId: "b", lastReadSeq: 9 }], msg(9, "a"))).toBe(0);
  });
});

describe("seenSeq (direct)", () => {
  const log = [msg(1, "me"), msg(2, "you"), msg(3, "me"), msg(4, "me")];
  it("is the newest of my messages the other person has read", () => {
    expect(seenSeq(log, "me", 0)).toBeNull();
    expect(seenSeq(log, "me", 2)).toBe(1);
    expect(seenSeq(log, "me", 3)).toBe(3);
    expect(seenSeq(log, "me", 10)).toBe(4);
    expect(seenSeq(log, "me", null)).toBeNull();
    expect(seenSeq([msg(1, "you")], "me", 1)).toBeNull();
  });
});

describe("receiptsFor", () => {
  it("puts Seen under one message in a direct conversation", () => {
    const r = receiptsFor("direct", [msg(1, "me"), msg(2, "me")], [{ userId: "me", lastReadSeq: 2 }, { userId: "you", lastReadSeq: 1 }], "me");
    expect([...r]).toEqual([[1, { kind: "seen" }]]);
  });

  it("shows nothing under a deleted message", () => {
    const marks = [{ userId: "me", lastReadSeq: 2 }, { userId: "x", lastReadSeq: 0 }];
    const gone = { ...msg(2, "me"), deletedAt: at(9) };
    expect([...receiptsFor("group", [msg(1, "me"), gone], marks, "me")]).toEqual([[1, { kind: "unread", count: 1 }]]);
    expect([...receiptsFor("direct", [msg(1, "me"), gone], [{ userId: "x", lastReadSeq: 2 }], "me")]).toEqual([[1, { kind: "seen" }]]);
  });

  it("gives each group message its unread count, none when read by all", () => {
    const marks = [
      { userId: "me", lastReadSeq: 3 },
      { userId: "x", lastReadSeq: 1 },
      { userId: "y", lastReadSeq: 2 },
    ];
    const r = receiptsFor("group", [msg(1, "me"), msg(2, "me"), msg(3, "x")], marks, "me");
    expect([...r]).toEqual([
      [2, { kind: "unread", count: 1 }],
      [3, { kind: "unread", count: 1 }],
    ]);
  });
});
