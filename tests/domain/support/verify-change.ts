// Runs a domain change and checks, for each watching user, that the events their devices would
// have received, applied to what they held before, give what a fresh fetch gives after.
import { expect } from "vitest";
import type { DomainEnv } from "./domain-env";
import { applyEvents, freshState, view } from "./user-view";

export async function verifyChange<T>(
  env: DomainEnv,
  watchers: readonly string[],
  change: () => Promise<T>,
  opts: { messages?: boolean } = {},
): Promise<T> {
  await env.events.connectAll();
  const before = new Map(await Promise.all(watchers.map(async (u) => [u, await freshState(env.db, u)] as const)));
  env.events.clear();
  const result = await change();
  for (const u of watchers) {
    const applied = view(applyEvents(before.get(u)!, env.events.deliveredTo(u)));
    const fetched = view(await freshState(env.db, u));
    expect(applied.channels, `channels as user ${u} sees them`).toEqual(fetched.channels);
    if (opts.messages !== false) expect(applied.messages, `messages as user ${u} sees them`).toEqual(fetched.messages);
  }
  return result;
}
