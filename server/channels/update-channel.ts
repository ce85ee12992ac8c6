// Changing a group: its name (owners and admins), and who its admins and owners are (owners).
import { z } from "zod";
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

const renameBody = z.object({ name: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters") });
const roleBody = z.object({ role: z.enum(["owner", "admin", "member"]) });

async function requireGroupRole(db: Db, channelId: string, userId: string, allowed: readonly string[]) {
  const me = await requireMember(db, channelId, userId);
  const c = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { kind: true } });
  if (c.kind !== "group") throw new AppError("invalid", "a direct channel has no name or roles");
  if (!allowed.includes(me.role)) throw new AppError("forbidden", `only the group's ${allowed.join(" or ")}s may do that`);
}

export async function renameChannel({ db, publisher }: Deps, userId: string, channelId: string, input: unknown): Promise<ChannelWithActivity> {
  const parsed = renameBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  await requireGroupRole(db, channelId, userId, ["owner", "admin"]);
  await db.channel.update({ where: { id: channelId }, data: { name: parsed.data.name } });
  const channel = await loadChannel(db, channelId);
  publisher.publish("channel", channel, { channels: [channelId] });
  return channel;
}

export async function setMemberRole({ db }: Deps, userId: string, channelId: string, targetId: string, input: unknown): Promise<void> {
  const parsed = roleBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  await requireGroupRole(db, channelId, userId, ["owner"]);
  await db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { channelId_userId: { channelId, userId: targetId } } });
    if (!target) throw new AppError("not_found", "that user is not a member");
    if (target.role === "owner" && parsed.data.role !== "owner") {
      const owners = await tx.membership.count({ where: { channelId, role: "owner" } });
      if (owners === 1) throw new AppError("conflict", "a group needs at least one owner");
    }
    await tx.membership.update({ where: { channelId_userId: { channelId, userId: targetId } }, data: { role: parsed.data.role } });
  });
}
