import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contract/models";
import { withHeldWithin, withMessages } from "./arrival-transitions";
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

describe("withHeldWithin (the page's bounded window of a channel)", () => {
  const held = (seqs: number[], extra: (seq: number) => Partial<Message> = () => ({})) => seqs.map((q) => msg(q, extra(q)));
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

  it("keeps the seqs within the range, what they quote and what the composer answers", () => {
    const s0 = {
      ...initialChatState(),
      messages: { c: held(range(1, 20), (q) => (q === 15 ? { replyTo: 2 } : {})) },
      replyTo: { c: 4 },
      history: { c: { loaded: true, loadingLatest: false, loadingOlder: false, loadingNewer: false } },
    };
    const p = withHeldWithin(s0, "c", 10, 20);
    expect(p.messages?.c?.map((m) => m.seq)).toEqual([2, 4, ...range(10, 20)]);
    // The newest stayed: the latest page still counts as loaded.
    expect(p.history).toBeUndefined();
  });

  it("letting go of the newest makes the latest page due again; nothing to let go of changes nothing", () => {
    const s0 = {
      ...initialChatState(),
      messages: { c: held(range(1, 20)) },
      history: { c: { loaded: true, loadingLatest: false, loadingOlder: false, loadingNewer: false } },
    };
    const p = withHeldWithin(s0, "c", 1, 12);
    expect(p.messages?.c?.map((m) => m.seq)).toEqual(range(1, 12));
    expect(p.history?.c?.loaded).toBe(false);
    expect(withHeldWithin(s0, "c", 0, 100)).toEqual({});
    expect(withHeldWithin(s0, "other", 0, 1)).toEqual({});
  });
});
