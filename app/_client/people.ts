// Names of people: fetched once per id and kept in the store (senders, members of direct channels).
import type { User } from "@/lib/contract/models";
import { apiGet } from "./api";
import { chatStore, putUsers } from "./store";

const inFlight = new Set<string>();
const unknown = new Set<string>();

export function ensureUsers(ids: Iterable<string>): void {
  const { users } = chatStore.getState();
  for (const id of ids) {
    if (users[id] || inFlight.has(id) || unknown.has(id)) continue;
    inFlight.add(id);
    apiGet<{ user: User }>(`/api/users/${encodeURIComponent(id)}`)
      .then((r) => putUsers([r.user]))
      .catch((err: unknown) => {
        if ((err as { status?: number }).status === 404) unknown.add(id);
      })
      .finally(() => inFlight.delete(id));
  }
}

/** People whose name or email starts with `q` (or a word of whose name does). */
export async function searchPeople(q: string): Promise<User[]> {
  const { users } = await apiGet<{ users: User[] }>(`/api/users?${new URLSearchParams({ q, limit: "8" })}`);
  putUsers(users);
  return users;
}
