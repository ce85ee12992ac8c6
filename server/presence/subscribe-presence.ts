import type { PresenceSubscribeInput } from "../../lib/contract/event-schemas";
import type { PresenceState } from "../../lib/contract/models";
import type { Db } from "../db/types";
import { sharingAChannel } from "./presence-audience";
import { presenceOf } from "./presence-state";

/**
 * What a device showing people of a large group asks for: the current presence of those users
 * who share a channel with the caller (others are left out silently), and the ids whose changes
 * the device should now follow.
 */
export async function subscribePresence(
  db: Db,
  userId: string,
  input: PresenceSubscribeInput,
): Promise<{ presence: PresenceState[]; follow: string[] }> {
  const wanted = [...new Set(input.userIds)].filter((id) => id !== userId);
  const follow = await sharingAChannel(db, userId, wanted);
  return { presence: await presenceOf(db, follow), follow };
}
