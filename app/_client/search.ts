// The side panel's content: message search and the user's mentions (HTTP). Answers that come
// back after the panel moved on (a newer query, closed) are dropped.
import { LIMITS } from "@/lib/contract/limits";
import type { Message, SearchResult } from "@/lib/contract/models";
import { ApiError, api } from "./api";
import { mentionsName } from "./mentions";
import { ensureUsers } from "./people";
import { chatStore, type Panel, setPanel, updatePanel } from "./store";
import { refusalText, uiText } from "./ui-text";

let latestRequest = 0;

function describe(err: unknown, what: "search" | "mentions"): string {
  if (err instanceof ApiError && err.code !== "internal" && err.code !== "network") return refusalText(err.code, err.message);
  return uiText(what === "search" ? "panel.couldNotSearch" : "panel.couldNotLoadMentions");
}

function learnNames(results: readonly SearchResult[]): void {
  const ids = new Set<string>();
  for (const r of results) {
    ids.add(r.message.senderId);
    if (r.channel.kind === "direct") for (const id of r.channel.memberIds) ids.add(id);
  }
  ensureUsers(ids);
}

/** Searches the user's channels (or one). An empty query closes the search. */
export async function searchMessages(query: string, channelId: string | null): Promise<void> {
  const q = query.trim().slice(0, LIMITS.searchQueryMaxChars);
  if (!q) {
    if (chatStore.getState().panel?.kind === "search") setPanel(null);
    return;
  }
  const request = ++latestRequest;
  const old = chatStore.getState().panel;
  // Keep the previous results on screen while the next ones load: the list does not flash.
  setPanel({ kind: "search", query: q, channelId, results: old?.kind === "search" ? old.results : null, loading: true });
  const current = (p: Panel) => p.kind === "search" && request === latestRequest;
  try {
    const { results } = await api("GET /api/search", { query: { q, limit: 30, ...(channelId ? { channelId } : {}) } });
    learnNames(results);
    updatePanel(current, (p) => ({ ...p, results, loading: false, error: undefined }));
  } catch (err) {
    updatePanel(current, (p) => ({ ...p, results: null, loading: false, error: describe(err, "search") }));
  }
}

export async function showMentions(): Promise<void> {
  const request = ++latestRequest;
  setPanel({ kind: "mentions", results: null, loading: true });
  const current = (p: Panel) => p.kind === "mentions" && request === latestRequest;
  try {
    const { results } = await api("GET /api/mentions", { query: { limit: 50 } });
    learnNames(results);
    updatePanel(current, (p) => ({ ...p, results, loading: false, error: undefined }));
  } catch (err) {
    updatePanel(current, (p) => ({ ...p, loading: false, error: describe(err, "mentions") }));
  }
}

export function closePanel(): void {
  latestRequest++;
  setPanel(null);
}

/** A live message: if it mentions the user and their mentions are on screen, it goes on top. */
export function noteLiveMention(m: Message): void {
  const s = chatStore.getState();
  const channel = s.channels[m.channelId];
  if (s.panel?.kind !== "mentions" || !s.panel.results || !s.me || m.senderId === s.me.id || !channel) return;
  if (!mentionsName(m.body, s.me.name)) return;
  if (s.panel.results.some((r) => r.message.channelId === m.channelId && r.message.seq === m.seq)) return;
  const hit: SearchResult = { message: m, channel };
  updatePanel(
    (p) => p.kind === "mentions",
    (p) => ({ ...p, results: [hit, ...(p.results ?? [])] }),
  );
}

/** A session ends or starts (reset-client-state): answers to the previous user's searches are dropped. */
export function forgetSearches(): void {
  latestRequest++;
}
