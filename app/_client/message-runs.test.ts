import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contract/models";
import { runAround } from "./message-runs";

const msgs = (...seqs: number[]): Message[] =>
  seqs.map((seq) => ({ channelId: "c", seq, senderId: "u", body: `m${seq}`, clientMsgId: `k${seq}`, createdAt: "2026-01-01T00:00:00Z", replyTo: null, editedAt: null, deletedAt: null, reactions: [], attachments: [], version: seq }));

describe("runAround", () => {
  const list = msgs(3, 4, 5, 9, 10, 11, 12);
  it("gives the newest run for null", () => {
    expect(runAround(list, null)).toEqual({ from: 3, to: 7 });
  });
  it("gives the run holding a seq", () => {
    expect(runAround(list, 4)).toEqual({ from: 0, to: 3 });
    expect(runAround(list, 12)).toEqual({ from: 3, to: 7 });
  });
  it("is empty for a seq not held, or no messages", () => {
    expect(runAround(list, 7)).toEqual({ from: 0, to: 0 });
    expect(runAround([], null)).toEqual({ from: 0, to: 0 });
  });
});
