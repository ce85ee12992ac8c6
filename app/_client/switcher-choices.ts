// What the quick switcher offers for a query: the user's conversations (by their name, or a
// member's name) and people to talk to. Pure: the component gives it the store's state and the
// people the server found.
import type { User } from "@/lib/contract/models";
import { matchRank } from "./name-match";
import type { ChannelEntry } from "./store";

export type SwitcherChoice =
  | {
      kind: "channel";
      channel: ChannelEntry;
      name: string;
      /** The member whose name matched, when the conversation's own name did not. */
      via?: string;
    }
  | { kind: "person"; user: User };

export interface SwitcherInput {
  query: string;
  meId: string | undefined;
  channels: readonly ChannelEntry[];
  users: Readonly<Record<string, User>>;
  /** What the channel list calls a conversation (a group's name, the other person's name). */
  nameOf: (c: ChannelEntry) => string;
  /** People the server found for the query (GET /api/users?q=), when asked. */
  found: readonly User[];
}

export const MAX_CONVERSATIONS = 10;
export const MAX_PEOPLE = 8;
/** A conversation found only through a member ranks after every one found by its own name. */
const BY_MEMBER = 3;

export function switcherChoices({ query, meId, channels, users, nameOf, found }: SwitcherInput): SwitcherChoice[] {
  const byActivity = [...channels].sort((a, b) => b.activityAt.localeCompare(a.activityAt) || a.id.localeCompare(b.id));
  if (query.trim() === "") {
    return byActivity.slice(0, MAX_CONVERSATIONS).map((channel) => ({ kind: "channel", channel, name: nameOf(channel) }));
  }

  const ranked: { choice: SwitcherChoice & { kind: "channel" }; rank: number }[] = [];
  for (const channel of byActivity) {
    const name = nameOf(channel);
    const own = matchRank(name, query);
    if (own !== null) {
      ranked.push({ choice: { kind: "channel", channel, name }, rank: own });
      continue;
    }
    if (channel.kind !== "group") continue;
    let best: { rank: number; via: string } | null = null;
    for (const id of channel.memberIds) {
      const member = id === meId ? undefined : users[id];
      const r = member ? matchRank(member.name, query) : null;
      if (r !== null && (!best || r < best.rank)) best = { rank: r, via: member!.name };
    }
    if (best) ranked.push({ choice: { kind: "channel", channel, name, via: best.via }, rank: BY_MEMBER + best.rank });
  }
  // Stable: equal ranks keep the most recent conversation first.
  ranked.sort((a, b) => a.rank - b.rank);
  const conversations = ranked.slice(0, MAX_CONVERSATIONS).map((r) => r.choice);

  // A person whose direct conversation is already offered is not offered again.
  const offered = new Set<string>();
  for (const c of conversations) {
    if (c.channel.kind === "direct") for (const id of c.channel.memberIds) offered.add(id);
  }
  if (meId) offered.add(meId);
  const people = new Map<string, { user: User; rank: number }>();
  // The server's matches (by name prefix, or a whole email address) first, as it ranked them.
  for (const user of found) if (!offered.has(user.id)) people.set(user.id, { user, rank: -1 });
  // People the device already knows (members of shared conversations): found by initials too.
  for (const user of Object.values(users)) {
    if (offered.has(user.id) || people.has(user.id)) continue;
    const r = matchRank(user.name, query);
    if (r !== null) people.set(user.id, { user, rank: r });
  }
  const persons = [...people.values()]
    .sort((a, b) => a.rank - b.rank || a.user.name.localeCompare(b.user.name))
    .slice(0, MAX_PEOPLE)
    .map(({ user }): SwitcherChoice => ({ kind: "person", user }));
  return [...conversations, ...persons];
}
