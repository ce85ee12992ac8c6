import type { PresenceState } from "../../lib/contract/events";
import { presenceSubscribePayload } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { sharingAChannel } from "./presence-audience";
import { presenceOf } from "./presence-state";

/**
 * What a device showing people of a large group asks for: the current presence of those users
 * who share a channel with the caller (others are left out silently), and the ids whose changes
 * the device should now follow.
 */
export async function subscribePresence(db: Db, userId: string, input: unknown): Promise<{ presence: PresenceState[]; follow: string[] }> {
  const parsed = presenceSubscribePayload.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const wanted = [...new Set(parsed.data.userIds)].filter((id) => id !== userId);
  const follow = await sharingAChannel(db, userId, wanted);
  return { presence: await presenceOf(db, follow), follow };
}
