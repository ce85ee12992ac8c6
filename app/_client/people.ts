// Names of people: fetched once per id, many at a time (GET /api/users?ids=), kept in the store
// (senders, members of channels, authors of search results).
import type { User } from "@/lib/contract/models";
import { api } from "./api";
import { chatStore, putUsers } from "./store";

/** The server answers at most this many ids in one request. */
const BATCH = 200;

const inFlight = new Set<string>();
const unknown = new Set<string>();
const queued = new Set<string>();
let flushTimer: ReturnType<typeof setTimeout> | null = null;
/** Moves on with each session: names asked for by an earlier one are not put in this one's store. */
let generation = 0;

/** Makes sure the store will hold these users' names; unknown ids are collected and asked for together. */
export function ensureUsers(ids: Iterable<string>): void {
  const { users } = chatStore.getState();
  for (const id of ids) {
    if (users[id] || inFlight.has(id) || unknown.has(id)) continue;
    queued.add(id);
  }
  // Several callers in the same moment (a sync page, a member list) make one request.
  if (queued.size && !flushTimer) flushTimer = setTimeout(flush, 0);
}

function flush(): void {
  flushTimer = null;
  const ids = [...queued];
  queued.clear();
  for (let i = 0; i < ids.length; i += BATCH) void fetchBatch(ids.slice(i, i + BATCH));
}

async function fetchBatch(ids: string[]): Promise<void> {
  const asked = generation;
  for (const id of ids) inFlight.add(id);
  try {
    const { users } = await api("GET /api/users", { query: { ids: ids.join(",") } });
    if (asked !== generation) return;
    putUsers(users);
    const found = new Set(users.map((u) => u.id));
    for (const id of ids) if (!found.has(id)) unknown.add(id);
  } catch {
    // Asked again by the next ensureUsers call.
  } finally {
    if (asked === generation) for (const id of ids) inFlight.delete(id);
  }
}

/**
 * After a (re)connect: names and pictures of everyone this device knows, fetched again. The device
 * keeps them across reloads, and `user:update` events sent while it was away never reached it.
 */
export function refreshKnownUsers(): void {
  const ids = Object.keys(chatStore.getState().users).filter((id) => !inFlight.has(id));
  for (let i = 0; i < ids.length; i += BATCH) void fetchBatch(ids.slice(i, i + BATCH));
}

/** A session ends or starts (reset-client-state): what was known, asked or queued is dropped. */
export function forgetPeople(): void {
  generation++;
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  inFlight.clear();
  unknown.clear();
  queued.clear();
}

/** People whose name or email starts with `q` (or a word of whose name does). */
export async function searchPeople(q: string): Promise<User[]> {
  const { users } = await api("GET /api/users", { query: { q, limit: 8 } });
  putUsers(users);
  return users;
}
