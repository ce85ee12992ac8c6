// Changing a group: its name (owners and admins), and who its admins and owners are (owners).
import type { MemberRoleInput, RenameChannelInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import type { ChannelWithActivity } from "./channel-dto";
import { loadChannel } from "./load-channel";
import { requireMember } from "./require-member";

interface Deps {
  db: Db;
  publisher: Publisher;
}

async function requireGroupRole(db: Db, channelId: string, userId: string, allowed: readonly string[]) {
  const me = await requireMember(db, channelId, userId);
  const c = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { kind: true } });
  if (c.kind !== "group") throw new AppError("invalid", "a direct channel has no name or roles");
  if (!allowed.includes(me.role)) throw new AppError("forbidden", `only the group's ${allowed.join(" or ")}s may do that`);
}

export async function renameChannel(
  { db, publisher }: Deps,
  userId: string,
  channelId: string,
  { name }: RenameChannelInput,
): Promise<ChannelWithActivity> {
  await requireGroupRole(db, channelId, userId, ["owner", "admin"]);
  await db.channel.update({ where: { id: channelId }, data: { name } });
  const channel = await loadChannel(db, channelId);
  publisher.publish("channel", channel, { channels: [channelId] });
  return channel;
}

export async function setMemberRole(
  { db }: Deps,
  userId: string,
  channelId: string,
  targetId: string,
  { role }: MemberRoleInput,
): Promise<void> {
  await requireGroupRole(db, channelId, userId, ["owner"]);
  await db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { channelId_userId: { channelId, userId: targetId } } });
    if (!target) throw new AppError("not_found", "that user is not a member");
    if (target.role === "owner" && role !== "owner") {
      const owners = await tx.membership.count({ where: { channelId, role: "owner" } });
      if (owners === 1) throw new AppError("conflict", "a group needs at least one owner");
    }
    await tx.membership.update({ where: { channelId_userId: { channelId, userId: targetId } }, data: { role } });
  });
}
