// The run's users and channels, made through the public HTTP API: sign-up (POST /api/users), a
// token each (POST /api/tokens), a ring of direct channels (each user with the next), groups of
// up to six, and one group of everyone.
import { randomBytes } from "node:crypto";
import type { SimUser } from "./device";

export interface World {
  users: SimUser[];
  /** channelId → member user indexes. */
  members: Map<string, number[]>;
  kind: Map<string, "direct" | "group">;
}

async function post(base: string, p: string, body: unknown, token?: string) {
  const res = await fetch(base + p, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as any;
  if (res.status >= 300) throw new Error(`POST ${p} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

async function inBatches<T, R>(items: T[], size: number, f: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map((t, j) => f(t, i + j)))));
  return out;
}

export async function makeWorld(entries: string[], n: number): Promise<World> {
  const tag = randomBytes(3).toString("hex");
  const password = "chaos-password-1";
  const users: SimUser[] = await inBatches([...Array(n).keys()], 4, async (i) => {
    const base = entries[i % entries.length]!;
    const email = `chaos${i}.${tag}@chaos.test`;
    const { user } = await post(base, "/api/users", { email, name: `Chaos ${i}`, password });
    const { token } = await post(base, "/api/tokens", { email, password });
    return { index: i, id: user.id as string, token: token as string, channels: [] };
  });
  const members = new Map<string, number[]>();
  const kind = new Map<string, "direct" | "group">();
  const add = (id: string, who: number[], k: "direct" | "group") => {
    members.set(id, who);
    kind.set(id, k);
    for (const i of who) users[i]!.channels.push(id);
  };
  const pairs = n === 2 ? [[0, 1]] : users.map((_, i) => [i, (i + 1) % n]);
  await inBatches(pairs, 4, async ([a, b], i) => {
    const { channel } = await post(entries[i % entries.length]!, "/api/channels", { kind: "direct", memberIds: [users[b!]!.id] }, users[a!]!.token);
    add(channel.id, [a!, b!], "direct");
  });
  const groups: number[][] = [];
  for (let i = 0; i < n; i += 6) groups.push([...Array(Math.min(6, n - i)).keys()].map((k) => i + k));
  groups.push([...Array(n).keys()]);
  await inBatches(groups, 4, async (g, i) => {
    const owner = users[g[0]!]!;
    const { channel } = await post(
      entries[i % entries.length]!,
      "/api/channels",
      { kind: "group", name: `chaos ${i}`, memberIds: g.slice(1).map((k) => users[k]!.id) },
      owner.token,
    );
    add(channel.id, g, "group");
  });
  return { users, members, kind };
}
