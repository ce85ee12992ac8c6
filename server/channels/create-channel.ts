import type { CreateChannelInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError, isUniqueViolation } from "../errors";
import type { Publisher } from "../events/publisher";
import { introduceCoMembers } from "../presence/introduce-co-members";
import { type ChannelWithActivity, toChannel } from "./channel-dto";

export interface CreateChannelResult {
  channel: ChannelWithActivity;
  /** false when an existing direct channel between the same two users was returned. */
  created: boolean;
}

interface Deps {
  db: Db;
  publisher: Publisher;
}

export async function createChannel({ db, publisher }: Deps, creatorId: string, body: CreateChannelInput): Promise<CreateChannelResult> {
  const memberIds = [...new Set([creatorId, ...body.memberIds])];
  await requireUsersExist(db, memberIds);

  const result =
    body.kind === "direct"
      ? await createDirect(db, creatorId, body.memberIds[0])
      : await createGroup(db, creatorId, body.name, memberIds);

  if (result.created) {
    // After commit: every device of every member subscribes to the room, then hears of it.
    publisher.joinChannel(result.channel.id, result.channel.memberIds);
    publisher.publish("channel", result.channel, { users: result.channel.memberIds });
    await introduceCoMembers({ db, publisher }, result.channel.memberIds, result.channel.memberIds);
  }
  return result;
}

async function requireUsersExist(db: Db, ids: string[]) {
  const found = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) {
    const known = new Set(found.map((u) => u.id));
    const missing = ids.filter((id) => !known.has(id));
    throw new AppError("invalid", `unknown user id: ${missing.slice(0, 5).join(", ")}`);
  }
}

async function findDirect(db: Db, directKey: string) {
  const c = await db.channel.findUnique({
    where: { directKey },
    include: { memberships: { select: { userId: true } } },
  });
  return c && toChannel(c, c.memberships.map((m) => m.userId));
}

async function createDirect(db: Db, creatorId: string, otherId: string): Promise<CreateChannelResult> {
  // One direct channel per pair, whoever starts it: the unique directKey decides races.
  const directKey = [creatorId, otherId].sort().join(":");
  const existing = await findDirect(db, directKey);
  if (existing) return { channel: existing, created: false };
  const members = [...new Set([creatorId, otherId])];
  try {
    const c = await db.channel.create({
      data: {
        kind: "direct",
        directKey,
        createdById: creatorId,
        memberships: { create: members.map((userId) => ({ userId, role: "member" as const })) },
      },
    });
    return { channel: toChannel(c, members), created: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await findDirect(db, directKey);
    if (!raced) throw err;
    return { channel: raced, created: false };
  }
}

async function createGroup(db: Db, creatorId: string, name: string, memberIds: string[]): Promise<CreateChannelResult> {
  const c = await db.$transaction(async (tx) => {
    const channel = await tx.channel.create({ data: { kind: "group", name, createdById: creatorId } });
    await tx.membership.createMany({
      data: memberIds.map((userId) => ({
        channelId: channel.id,
        userId,
        role: userId === creatorId ? ("owner" as const) : ("member" as const),
      })),
    });
    return channel;
  });
  return { channel: toChannel(c, memberIds), created: true };
}
