import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contract/models";
import type { PendingChange } from "./local-store";
import { showMessages, withPendingChanges } from "./pending-changes";

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  channelId: "c",
  seq,
  senderId: "me",
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
const base = { channelId: "c", createdAt: "2026-01-02T00:00:00.000Z" };
const edit = (seq: number, body: string, id = `e${seq}${body}`): PendingChange => ({ ...base, id, seq, kind: "edit", body });
const react = (seq: number, emoji: string, on: boolean, id = `r${seq}${emoji}${on}`): PendingChange => ({ ...base, id, seq, kind: "reaction", emoji, on });

describe("withPendingChanges", () => {
  it("shows an edit, a delete and reactions made here before the server has them", () => {
    expect(withPendingChanges(msg(1), [edit(1, "new")], "me")).toMatchObject({ body: "new", editedAt: base.createdAt, changing: true });
    const deleted = withPendingChanges(msg(1, { reactions: [{ emoji: "👍", userIds: ["x"] }] }), [{ ...base, id: "d", seq: 1, kind: "delete" }, edit(1, "late")], "me");
    expect(deleted).toMatchObject({ body: "", reactions: [], deletedAt: base.createdAt });
  });

  it("adds and removes my reaction; an emoji nobody keeps leaves", () => {
    const m = msg(1, { reactions: [{ emoji: "👍", userIds: ["x"] }] });
    expect(withPendingChanges(m, [react(1, "👍", true)], "me").reactions).toEqual([{ emoji: "👍", userIds: ["x", "me"] }]);
    expect(withPendingChanges(m, [react(1, "🎉", true)], "me").reactions).toEqual([
      { emoji: "👍", userIds: ["x"] },
      { emoji: "🎉", userIds: ["me"] },
    ]);
    expect(withPendingChanges(m, [react(1, "🎉", true), react(1, "🎉", false)], "me").reactions).toEqual([{ emoji: "👍", userIds: ["x"] }]);
    // Removing what is not there, or adding twice, changes nothing.
    expect(withPendingChanges(m, [react(1, "👍", false)], "me").reactions).toEqual(m.reactions);
    expect(withPendingChanges(m, [react(1, "👍", true), react(1, "👍", true, "again")], "me").reactions).toEqual([{ emoji: "👍", userIds: ["x", "me"] }]);
  });
});

describe("showMessages", () => {
  it("keeps the list and unchanged messages as they are", () => {
    const list = [msg(1), msg(2)];
    expect(showMessages(list, [], "c", "me")).toBe(list);
    expect(showMessages(list, [{ ...edit(1, "x"), channelId: "other" }], "c", "me")).toBe(list);
    const shown = showMessages(list, [edit(2, "two")], "c", "me");
    expect(shown[0]).toBe(list[0]);
    expect(shown[1]).toMatchObject({ seq: 2, body: "two" });
  });
});
