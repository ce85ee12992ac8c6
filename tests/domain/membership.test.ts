// Membership changes at the domain level: who is told, and that their devices end up right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../../server/channels/create-channel";
import { addMembers, removeMember } from "../../server/channels/manage-members";
import { renameChannel } from "../../server/channels/update-channel";
import { sendMessage } from "../../server/messages/send-message";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";
import { verifyChange } from "./support/verify-change";

let env: DomainEnv;
let ann: string, bob: string, cat: string;

beforeAll(async () => {
  env = await startDomainEnv();
  ann = await env.addUser("Ann");
  bob = await env.addUser("Bob");
  cat = await env.addUser("Cat");
});
afterAll(() => env?.close());

describe("membership", () => {
  it("creating a group tells every member's devices", async () => {
    await verifyChange(env, [ann, bob, cat], () => createChannel(env, ann, { kind: "group", name: "Plans", memberIds: [bob] }));
  });

  it("an added member gets the channel; the others see the new member list", async () => {
    const { channel } = await createChannel(env, ann, { kind: "group", name: "Later", memberIds: [bob] });
    await sendMessage(env, bob, { channelId: channel.id, clientMsgId: "before-cat", body: "before Cat" });
    // Cat's device has no messages of it until it opens it: compare the channel lists.
    await verifyChange(env, [ann, bob, cat], () => addMembers(env, ann, channel.id, { userIds: [cat] }), { messages: false });
    await verifyChange(env, [ann, bob, cat], () => sendMessage(env, cat, { channelId: channel.id, clientMsgId: "hi", body: "hi all" }), { messages: false });
  });

  it("a removed member's devices drop the channel and hear nothing more of it", async () => {
    const { channel } = await createChannel(env, ann, { kind: "group", name: "Shrinking", memberIds: [bob, cat] });
    await verifyChange(env, [ann, bob, cat], () => removeMember(env, ann, channel.id, cat));
    await verifyChange(env, [ann, bob, cat], () => sendMessage(env, ann, { channelId: channel.id, clientMsgId: "after", body: "after Cat left" }));
    expect(env.events.deliveredTo(cat)).toEqual([]);
  });

  it("renaming reaches every member", async () => {
    const { channel } = await createChannel(env, ann, { kind: "group", name: "Old", memberIds: [bob] });
    await verifyChange(env, [ann, bob], () => renameChannel(env, ann, channel.id, { name: "New" }));
  });

  it("a plain member cannot remove others and nothing is published", async () => {
    const { channel } = await createChannel(env, ann, { kind: "group", name: "Guarded", memberIds: [bob, cat] });
    env.events.clear();
    await expect(removeMember(env, bob, channel.id, cat)).rejects.toMatchObject({ code: "forbidden" });
    expect(env.events.all()).toHaveLength(0);
    expect(await env.db.membership.count({ where: { channelId: channel.id } })).toBe(3);
  });
});
