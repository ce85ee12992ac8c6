import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { SMALL_GROUP_MAX } from "./presence-audience";
import { presenceOf } from "./presence-state";

/**
 * When a channel first makes people co-members, each learns the other's presence at once
 * (direct channels and groups small enough for pushed presence).
 */
export async function introduceCoMembers(
  { db, publisher }: { db: Db; publisher: Publisher },
  memberIds: readonly string[],
  newIds: readonly string[],
) {
  if (memberIds.length > SMALL_GROUP_MAX || newIds.length === 0) return;
  const fresh = new Set(newIds);
  for (const p of await presenceOf(db, [...memberIds])) {
    const audience = fresh.has(p.userId) ? memberIds.filter((id) => id !== p.userId) : newIds;
    if (audience.length) publisher.publish("presence", p, { users: audience });
  }
}
