// The channel list and starting conversations (HTTP). New channels also arrive as `channel` events.
import type { User } from "@/lib/contract/models";
import { LIMITS } from "@/lib/contract/limits";
import type { CreateChannelBody } from "@/lib/contract/schemas";
import { api } from "./api";
import { takeChannel, takeChannelViews } from "./device-state";

export async function refreshChannels(): Promise<void> {
  const { channels } = await api("GET /api/channels");
  takeChannelViews(channels, { listed: true, baseline: "lastSeq" });
}

/**
 * One person: their direct channel (the existing one if there is one). Several: a new group,
 * named `groupName` or, when that is blank, after its members.
 */
export async function startConversation(people: readonly User[], groupName: string): Promise<string> {
  const body: CreateChannelBody =
    people.length === 1
      ? { kind: "direct" as const, memberIds: [people[0]!.id] }
      : {
          kind: "group" as const,
          name: (groupName.trim() || people.map((p) => p.name).join(", ")).slice(0, LIMITS.nameMaxChars),
          memberIds: people.map((p) => p.id),
        };
  const { channel } = await api("POST /api/channels", { body });
  takeChannel(channel);
  return channel.id;
}
