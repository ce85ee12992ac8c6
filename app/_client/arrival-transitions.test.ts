import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contract/models";
import { withMessages } from "./arrival-transitions";
import { initialChatState } from "./store";

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  channelId: "c",
  seq,
  senderId: "x",
  body: `#${seq}`,
  clientMsgId: `k${seq}`,
  createdAt: "2026-01-01T00:00:00.000Z",
  replyTo: null,
  editedAt: null,
  deletedAt: null,
  reactions: [],
  attachments: [],
  version: seq,
  ...extra,
});

describe("withMessages and typing", () => {
  it("a new message ends its sender's typing; a reaction to an older one of theirs does not", () => {
    const s0 = { ...initialChatState(), me: { id: "me", name: "Me" }, messages: { c: [msg(1, { senderId: "x" })] }, typing: { c: { x: true as const } } };
    const reacted = withMessages(s0, [msg(1, { senderId: "x", reactions: [{ emoji: "👍", userIds: ["y"] }], version: 5 })]);
    expect(reacted.typing?.c).toEqual({ x: true });
    const sent = withMessages(s0, [msg(2, { senderId: "x" })]);
    expect(sent.typing?.c).toEqual({});
  });
});
