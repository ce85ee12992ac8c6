// Group membership. Any member may add people and leave; only owners and admins remove others,
// and only owners remove an owner; the last owner cannot leave people behind without one. Direct channels never change members.
// Changes take effect live: added users' devices join the room and hear of the channel; removed
// users' devices leave the room first, so nothing more of the channel reaches them, and presence
// subscriptions between people who no longer share any channel end.
import { LIMITS } from "../../lib/contract/limits";
import type { AddMembersInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import type { ChannelWithActivity } from "./channel-dto";
import { introduceCoMembers } from "../presence/introduce-co-members";
import { noLongerSharing } from "../presence/presence-audience";
import type { MembershipCache } from "./membership-cache";
import { loadChannel } from "./load-channel";
import { requireMember } from "./require-member";

interface Deps {
  db: Db;
  publisher: Publisher;
  /** Forgets the removed member at once on this node (server/channels/membership-cache.ts). */
  members?: MembershipCache;
}

async function requireGroupMember(db: Db, channelId: string, userId: string) {
  const me = await requireMember(db, channelId, userId);
  const c = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { kind: true } });
  if (c.kind !== "group") throw new AppError("invalid", "a direct channel's members cannot change");
  return me;
}

export async function addMembers(
  { db, publisher }: Deps,
  actorId: string,
  channelId: string,
  input: AddMembersInput,
): Promise<ChannelWithActivity> {
  await requireGroupMember(db, channelId, actorId);
  const userIds = [...new Set(input.userIds)];
  const known = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true } });
  if (known.length !== userIds.length) {
    const ok = new Set(known.map((u) => u.id));
    throw new AppError("invalid", `unknown user id: ${userIds.filter((id) => !ok.has(id)).slice(0, 5).join(", ")}`);
  }
  const added = await db.$transaction(async (tx) => {
    const count = await tx.membership.count({ where: { channelId } });
    const existing = await tx.membership.findMany({ where: { channelId, userId: { in: userIds } }, select: { userId: true } });
    const have = new Set(existing.map((m) => m.userId));
    const fresh = userIds.filter((id) => !have.has(id));
    if (count + fresh.length > LIMITS.groupMaxMembers) {
      throw new AppError("invalid", `a group holds at most ${LIMITS.groupMaxMembers} members`);
    }
    // Adding someone who is already a member changes nothing.
    await tx.membership.createMany({ data: fresh.map((userId) => ({ channelId, userId })), skipDuplicates: true });
    return fresh;
  });
  const channel = await loadChannel(db, channelId);
  if (added.length) {
    publisher.joinChannel(channelId, added);
    publisher.publish("channel", channel, { channels: [channelId] });
    await introduceCoMembers({ db, publisher }, channel.memberIds, added);
  }
  return channel;
}

export async function removeMember({ db, publisher, members }: Deps, actorId: string, channelId: string, userId: string): Promise<void> {
  const me = await requireGroupMember(db, channelId, actorId);
  if (actorId !== userId && me.role === "member") {
    throw new AppError("forbidden", "only the group's owner or admins remove other members");
  }
  await db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { channelId_userId: { channelId, userId } } });
    if (!target) throw new AppError("not_found", "that user is not a member");
    if (actorId !== userId && target.role === "owner" && me.role !== "owner") {
      throw new AppError("forbidden", "only the group's owners remove an owner");
    }
    if (target.role === "owner") {
      const owners = await tx.membership.count({ where: { channelId, role: "owner" } });
      const members = await tx.membership.count({ where: { channelId } });
      if (owners === 1 && members > 1) {
        throw new AppError("conflict", "the group's last owner cannot leave while others remain; make someone else owner first");
      }
    }
    await tx.membership.delete({ where: { channelId_userId: { channelId, userId } } });
  });
  // Out of the room before anyone hears more; then the removed user learns they are out.
  publisher.leaveChannel(channelId, [userId]);
  members?.forget(channelId, userId);
  const strangers = await noLongerSharing(db, userId, channelId);
  publisher.stopFollowing([userId], strangers);
  publisher.stopFollowing(strangers, [userId]);
  const channel = await loadChannel(db, channelId);
  publisher.publish("channel", channel, { channels: [channelId], users: [userId] });
}
