// Edits, deletes and reactions at the domain level: their events, applied by the web client's own
// transitions (arrival-transitions, merge by version), bring every member's device to what a
// fresh fetch shows; non-members get nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../../server/channels/create-channel";
import { deleteMessage } from "../../server/messages/delete-message";
import { editMessage } from "../../server/messages/edit-message";
import { react } from "../../server/messages/react";
import { sendMessage } from "../../server/messages/send-message";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";
import { verifyChange } from "./support/verify-change";

let env: DomainEnv;
let ann: string, bob: string, cat: string, dan: string;
let groupId: string;

beforeAll(async () => {
  env = await startDomainEnv();
  ann = await env.addUser("Ann");
  bob = await env.addUser("Bob");
  cat = await env.addUser("Cat");
  dan = await env.addUser("Dan");
  const { channel } = await createChannel(env, ann, { kind: "group", name: "Team", memberIds: [bob, cat] });
  groupId = channel.id;
});
afterAll(() => env?.close());

describe("messages that change, as every device sees them", () => {
  it("a reply, an edit, reactions and a delete: events applied equal a fresh fetch", async () => {
    const { message: first } = await sendMessage(env, bob, { channelId: groupId, clientMsgId: "c1", body: "first" });
    const { message: second } = await sendMessage(env, ann, { channelId: groupId, clientMsgId: "c2", body: "second" });
    await verifyChange(env, [ann, bob, cat, dan], async () => {
      await sendMessage(env, ann, { channelId: groupId, clientMsgId: "c3", body: "a reply", replyTo: first.seq });
      await editMessage(env, ann, { channelId: groupId, seq: second.seq, body: "second, edited" });
      await react(env, bob, { channelId: groupId, seq: second.seq, emoji: "👍", on: true });
      await react(env, cat, { channelId: groupId, seq: second.seq, emoji: "👍", on: true });
      await react(env, cat, { channelId: groupId, seq: second.seq, emoji: "🎉", on: true });
      await react(env, cat, { channelId: groupId, seq: second.seq, emoji: "🎉", on: false });
      // The group's owner deletes Bob's message.
      await deleteMessage(env, ann, { channelId: groupId, seq: first.seq });
    });
    expect(env.events.deliveredTo(dan)).toEqual([]);
  });
});
