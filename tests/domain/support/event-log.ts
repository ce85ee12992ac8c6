// A Publisher that records instead of emitting, and keeps Socket.IO's room semantics: a `channel:`
// audience reaches the users whose devices were in that room when the event was published, as
// joinChannel/leaveChannel moved them. So "what would user U's devices have received" is exact.
import type { ServerEventName, ServerEventPayload } from "../../../lib/contract/events";
import type { Audience, Publisher } from "../../../server/events/publisher";
import type { Db } from "../../../server/db/types";

export interface Delivered<E extends ServerEventName = ServerEventName> {
  event: E;
  payload: ServerEventPayload<E>;
}

interface Recorded {
  event: ServerEventName;
  payload: unknown;
  /** Who received it, resolved at publish time. */
  users: Set<string>;
}

export class EventLog implements Publisher {
  private recorded: Recorded[] = [];
  /** channelId → users whose devices are in its room (filled from the database on first use). */
  private rooms = new Map<string, Set<string>>();

  constructor(private readonly db: Db) {}

  /** Seeds the rooms as the handshake would have (call after setting up, before the change). */
  async connectAll(): Promise<void> {
    const all = await this.db.membership.findMany({ select: { channelId: true, userId: true } });
    this.rooms.clear();
    for (const m of all) this.room(m.channelId).add(m.userId);
  }

  publish<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>, audience: Audience): void {
    const users = new Set<string>(audience.users ?? []);
    for (const c of audience.channels ?? []) for (const u of this.room(c)) users.add(u);
    for (const u of audience.exceptUsers ?? []) users.delete(u);
    // presence:{id} rooms are per device subscription; the domain tier does not follow them.
    this.recorded.push({ event, payload: structuredClone(payload), users });
  }

  joinChannel(channelId: string, userIds: readonly string[]): void {
    for (const u of userIds) this.room(channelId).add(u);
  }

  leaveChannel(channelId: string, userIds: readonly string[]): void {
    for (const u of userIds) this.room(channelId).delete(u);
  }

  /** Sessions ended: recorded so a test can see which credentials' sockets would close. */
  readonly endedSessions: string[] = [];

  /** presence:{id} rooms are per device subscription; the domain tier does not follow them. */
  stopFollowing(): void {}

  endSessions(sessionIds: readonly string[]): void {
    this.endedSessions.push(...sessionIds);
  }

  /** Everything recorded since the last clear that `userId`'s devices received, in order. */
  deliveredTo(userId: string): Delivered[] {
    return this.recorded.filter((r) => r.users.has(userId)).map((r) => ({ event: r.event, payload: r.payload }) as Delivered);
  }

  clear(): void {
    this.recorded = [];
  }

  all(): readonly Recorded[] {
    return this.recorded;
  }

  private room(channelId: string): Set<string> {
    let r = this.rooms.get(channelId);
    if (!r) this.rooms.set(channelId, (r = new Set()));
    return r;
  }
}
